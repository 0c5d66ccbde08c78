import { callOffice } from './office-async';

export interface HostInfo {
  readonly mailbox: Office.Mailbox;
  readonly displayLanguage: string;
  /** True when Outlook shows a dark theme; false when unknown. */
  readonly prefersDark: boolean;
}

/** Resolves once Office.js has initialised; the pane must not render earlier (Office.onReady). */
export async function waitForOffice(office: typeof Office): Promise<HostInfo> {
  await office.onReady();
  const context = office.context;
  if (!context?.mailbox) throw new Error('The pane runs outside Outlook');
  return {
    mailbox: context.mailbox,
    displayLanguage: context.displayLanguage ?? 'en-US',
    prefersDark: isDarkTheme(context.officeTheme),
  };
}

function isDarkTheme(theme: Office.OfficeTheme | undefined): boolean {
  const background = theme?.bodyBackgroundColor;
  if (!background || !/^#[0-9a-f]{6}$/i.test(background)) return false;
  const n = parseInt(background.slice(1), 16);
  const luminance = 0.2126 * ((n >> 16) & 255) + 0.7152 * ((n >> 8) & 255) + 0.0722 * (n & 255);
  return luminance < 128;
}

/** Opens a page in an Office dialog and resolves with the first message it sends back. */
export function openDialogForMessage(office: typeof Office, url: string): Promise<string> {
  return callOffice<Office.Dialog>('displayDialogAsync', (cb) =>
    office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, cb),
  ).then(
    (dialog) =>
      new Promise<string>((resolve, reject) => {
        dialog.addEventHandler(office.EventType.DialogMessageReceived, (event) => {
          dialog.close();
          if ('message' in event) resolve(event.message);
          else reject(new Error(`Dialog failed with code ${event.error}`));
        });
        dialog.addEventHandler(office.EventType.DialogEventReceived, (event) => {
          reject(new Error(`Dialog closed (${'error' in event ? event.error : 'no message'})`));
        });
      }),
  );
}

/** A pinned pane stays open while the user selects another item; Outlook then fires ItemChanged. */
export function watchItemChanges(office: typeof Office, mailbox: Office.Mailbox, onChange: () => void): Promise<void> {
  if (typeof mailbox.addHandlerAsync !== 'function') return Promise.resolve();
  return callOffice<void>('addHandlerAsync', (cb) => mailbox.addHandlerAsync(office.EventType.ItemChanged, onChange, cb));
}
