import { Badge, Button, Card, CardHeader, makeStyles, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { SyncRuleInput } from '../../../../shared/admin/sync-rule.schema';
import type { AdminApi, SyncRule } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import type { AdminData } from '../shell/use-admin-data';
import { RuleForm } from './RuleForm';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // Keeps the buttons on one line each however long the rule's description is.
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, flexShrink: 0, whiteSpace: 'nowrap' },
  precedence: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

export interface RulesPageProps {
  readonly strings: AdminStrings;
  readonly api: AdminApi;
  readonly data: AdminData;
  readonly onChanged: () => Promise<void>;
}

/** B5: the rules, their form, "run now", and how overlapping rules combine. */
export function RulesPage({ strings: s, api, data, onChanged }: RulesPageProps) {
  const styles = useStyles();
  const [editing, setEditing] = useState<SyncRule | 'new' | null>(null);
  const [notice, setNotice] = useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);

  function scopeText(rule: SyncRule): string {
    const v = rule.validity;
    if (v.scope === 'user') return `${s.rules.oneUser}: ${data.users.find((u) => u.id === v.userId)?.displayName ?? v.userId}`;
    if (v.scope === 'group') return `${s.rules.oneGroup}: ${data.groups.find((g) => g.id === v.groupId)?.name ?? v.groupId}`;
    return s.rules.all;
  }

  async function save(input: SyncRuleInput) {
    const saved = editing && editing !== 'new' ? await api.updateRule(editing.id, input) : await api.createRule(input);
    setEditing(null);
    setNotice({ intent: 'success', text: s.rules.saved(saved.description) });
    await onChanged();
  }

  async function runNow(rule: SyncRule) {
    setNotice(null);
    try {
      const { runs } = await api.runRule(rule.id);
      if (runs.length === 0) return setNotice({ intent: 'warning', text: s.rules.runNowNone });
      const allSynced = runs.every((run) => run.status === 'synced');
      const text = runs.map((run) => `${run.mailbox}: ${run.message}`).join(' · ');
      setNotice({ intent: allSynced ? 'success' : 'warning', text: `${s.rules.runNowDone(runs.length)} ${text}` });
    } catch (error) {
      setNotice({ intent: 'error', text: describeApiError(error, s) });
    }
  }

  return (
    <div className={styles.root}>
      <Card>
        <CardHeader header={<Text as="h3" weight="semibold">{s.rules.precedenceTitle}</Text>} />
        <ul className={styles.precedence}>
          {s.rules.precedence.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </Card>
      <div>
        <Button appearance="primary" onClick={() => { setNotice(null); setEditing('new'); }}>
          {s.rules.add}
        </Button>
      </div>
      {notice ? <FormMessage intent={notice.intent} text={notice.text} /> : null}
      {editing ? (
        <Card>
          <RuleForm
            key={editing === 'new' ? 'new' : editing.id}
            strings={s}
            api={api}
            {...(editing === 'new' ? {} : { rule: editing })}
            users={data.users}
            groups={data.groups}
            accounts={data.accounts}
            onSave={save}
            onCancel={() => setEditing(null)}
          />
        </Card>
      ) : null}
      {data.rules.length === 0 ? <Text>{s.rules.empty}</Text> : null}
      <div className={styles.list}>
        {data.rules.map((rule) => (
          <Card key={rule.id}>
            <CardHeader
              header={
                <Text weight="semibold">
                  {rule.description} {rule.active ? null : <Badge appearance="tint" color="subtle">{s.accounts.inactive}</Badge>}
                </Text>
              }
              description={<Text size={200}>{s.rules.summary(s.rules.dataTypes[rule.dataType] ?? rule.dataType, scopeText(rule))}</Text>}
              action={
                <div className={styles.actions}>
                  <Button size="small" onClick={() => void runNow(rule)} aria-label={`${s.rules.runNow}: ${rule.description}`}>
                    {s.rules.runNow}
                  </Button>
                  <Button size="small" onClick={() => { setNotice(null); setEditing(rule); }} aria-label={`${s.common.edit}: ${rule.description}`}>
                    {s.common.edit}
                  </Button>
                </div>
              }
            />
          </Card>
        ))}
      </div>
    </div>
  );
}
