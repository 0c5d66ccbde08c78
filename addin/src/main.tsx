import { startPane } from './pane/start-pane';

const container = document.getElementById('root');
if (container) void startPane({ office: Office, win: window, container });
