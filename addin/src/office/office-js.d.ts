// The project tsconfig limits global types to node and vitest; the pane also needs the Office.js namespace.
/// <reference types="office-js" />
