export interface E2eAddress {
  readonly emailAddress: string;
  readonly displayName: string;
}

/** One mailbox item as Office.js would describe it on one surface. */
export interface E2eScenario {
  readonly itemType: 'message' | 'appointment';
  readonly compose: boolean;
  readonly subject: string;
  readonly itemId?: string;
  readonly internetMessageId?: string;
  readonly conversationId?: string;
  readonly from?: E2eAddress;
  readonly to?: readonly E2eAddress[];
  readonly cc?: readonly E2eAddress[];
  readonly organizer?: E2eAddress;
  readonly requiredAttendees?: readonly E2eAddress[];
  readonly optionalAttendees?: readonly E2eAddress[];
}

/**
 * Source of the script the host page loads instead of Microsoft's office.js: an
 * Office.js-compatible `Office` global for the scenario named in `?scenario=`, theme and
 * language from `?theme=` and `?lang=`, and `window.tandemHost.getToken` minting a token
 * at the backend's local test issuer for the mailbox user.
 */
export function renderFakeOffice(scenarios: Record<string, E2eScenario>, options: { tokenUrl: string; user: { email: string; name: string } }): string {
  return `(() => {
  const scenarios = ${JSON.stringify(scenarios)};
  const user = ${JSON.stringify(options.user)};
  const params = new URLSearchParams(location.search);
  const s = scenarios[params.get('scenario') || 'read-mail'];
  const dark = params.get('theme') === 'dark';
  const ok = (value) => (cb) => setTimeout(() => cb({ status: 'succeeded', value }), 0);
  const lastArg = (fn) => (...args) => fn(args[args.length - 1]);
  const asyncValue = (value) => ({ getAsync: lastArg(ok(value)) });
  let item;
  if (s.compose) {
    item = { itemType: s.itemType, conversationId: s.conversationId, subject: asyncValue(s.subject),
      getItemIdAsync: lastArg(ok(s.itemId)), saveAsync: lastArg(ok(s.itemId)) };
    if (s.itemType === 'message') Object.assign(item, { to: asyncValue(s.to || []), cc: asyncValue(s.cc || []), from: asyncValue(s.from) });
    else Object.assign(item, { requiredAttendees: asyncValue(s.requiredAttendees || []), optionalAttendees: asyncValue(s.optionalAttendees || []), organizer: asyncValue(s.organizer) });
  } else {
    item = { ...s };
    delete item.compose;
  }
  const mailbox = {
    item,
    userProfile: { emailAddress: user.email, displayName: user.name },
    convertToRestId: (id) => id.replace(/\\//g, '-').replace(/\\+/g, '_'),
    addHandlerAsync: (_type, _handler, cb) => ok(undefined)(cb),
  };
  window.Office = {
    onReady: () => Promise.resolve({ host: 'Outlook', platform: 'OfficeOnline' }),
    EventType: { ItemChanged: 'olkItemSelectedChanged', DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    context: {
      mailbox,
      displayLanguage: params.get('lang') || 'en-US',
      officeTheme: dark ? { bodyBackgroundColor: '#1f1f1f', bodyForegroundColor: '#ffffff' } : { bodyBackgroundColor: '#ffffff', bodyForegroundColor: '#000000' },
      ui: { displayDialogAsync: (_url, _opts, cb) => cb({ status: 'failed', error: { code: 12007, message: 'no dialogs in the test host' } }) },
    },
  };
  window.tandemHost = {
    getToken: async () => {
      const res = await fetch(${JSON.stringify(options.tokenUrl)}, { method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ subject: user.email, email: user.email, name: user.name }) });
      return (await res.json()).access_token;
    },
  };
})();
`;
}
