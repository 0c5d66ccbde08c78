import { Button, Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ExchangeServerInput } from '../../../../shared/admin/exchange-server.schema';
import type { AdminApi, ExchangeServer } from '../api/admin-api';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import { toServerInput, draftFromServer } from './server-draft';
import { ConnectionTools } from './ConnectionTools';
import { ServerForm } from './ServerForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: { display: 'grid', gap: tokens.spacingVerticalM, gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' },
});

export interface ServersPageProps {
  readonly strings: AdminStrings;
  readonly api: AdminApi;
  readonly servers: readonly ExchangeServer[];
  readonly onChanged: () => Promise<void>;
}

type Editing = { readonly mode: 'none' } | { readonly mode: 'new' } | { readonly mode: 'edit'; readonly serverId: string };

/** B1–B3: the server list; a saved server shows its connection tools under the form. */
export function ServersPage({ strings: s, api, servers, onChanged }: ServersPageProps) {
  const styles = useStyles();
  const [editing, setEditing] = useState<Editing>({ mode: 'none' });
  const [notice, setNotice] = useState('');
  const current = editing.mode === 'edit' ? servers.find((server) => server.id === editing.serverId) : undefined;

  async function save(input: ExchangeServerInput) {
    const saved = current ? await api.updateServer(current.id, input) : await api.createServer(input);
    await onChanged();
    setNotice(s.servers.saved(saved.name));
    setEditing({ mode: 'edit', serverId: saved.id });
  }

  async function useDiscoveredUrl(server: ExchangeServer, url: string) {
    const input = toServerInput({ ...draftFromServer(server), ewsUrl: url }) as ExchangeServerInput;
    await api.updateServer(server.id, input);
    await onChanged();
    setNotice(s.servers.saved(server.name));
  }

  return (
    <div className={styles.root}>
      <div>
        <Button appearance="primary" onClick={() => { setNotice(''); setEditing({ mode: 'new' }); }}>
          {s.servers.add}
        </Button>
      </div>
      {notice ? <FormMessage intent="success" text={notice} /> : null}
      {editing.mode !== 'none' ? (
        <Card>
          <CardHeader header={<Text as="h2" weight="semibold" size={500}>{current ? s.servers.editing(current.name) : s.servers.creating}</Text>} />
          <ServerForm key={`${current?.id ?? 'new'}-${current?.updatedAt ?? ''}`} strings={s} {...(current ? { server: current } : {})} onSave={save} onCancel={() => setEditing({ mode: 'none' })} discoverDraft={api.discoverUrlForDraft} />
          {current ? (
            <ConnectionTools strings={s} api={api} server={current} onUseUrl={(url) => useDiscoveredUrl(current, url)} />
          ) : (
            <Text size={200}>{s.connection.saveFirst}</Text>
          )}
        </Card>
      ) : null}
      {servers.length === 0 ? <Text>{s.servers.empty}</Text> : null}
      <div className={styles.list}>
        {servers.map((server) => (
          <Card key={server.id}>
            <CardHeader
              header={<Text weight="semibold">{server.name}</Text>}
              description={<Text size={200}>{server.type === 'exchange-online' ? s.servers.online : s.servers.onPremises} · {server.ewsUrl}</Text>}
              action={<Button onClick={() => { setNotice(''); setEditing({ mode: 'edit', serverId: server.id }); }} aria-label={`${s.common.edit}: ${server.name}`}>{s.common.edit}</Button>}
            />
          </Card>
        ))}
      </div>
    </div>
  );
}
