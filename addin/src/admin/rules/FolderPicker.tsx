import { Button, Checkbox, Field, makeStyles, Radio, RadioGroup, Select, Spinner, Text, tokens } from '@fluentui/react-components';
import { useId, useState } from 'react';
import type { FolderRef, SyncDataType } from '../../../../shared/admin/sync-rule.schema';
import type { AdminApi, ExchangeFolder, MailboxAccount } from '../api/admin-api';
import { describeApiError } from '../forms/describe-api-error';
import { FormMessage } from '../forms/FormMessage';
import type { AdminStrings } from '../i18n/admin-strings';
import { folderKey } from './rule-draft';
import { describeFolderRef, folderDepth, foldersForType, toFolderRef } from './folder-ref';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0 },
  inner: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  legend: { fontWeight: tokens.fontWeightSemibold },
  error: { color: tokens.colorPaletteRedForeground1 },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', flexWrap: 'wrap' },
  tree: { display: 'flex', flexDirection: 'column', maxHeight: '260px', overflowY: 'auto', border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS },
});

export interface FolderPickerProps {
  readonly strings: AdminStrings;
  readonly api: Pick<AdminApi, 'listFolders'>;
  readonly accounts: readonly MailboxAccount[];
  readonly dataType: SyncDataType;
  readonly folders: readonly FolderRef[];
  readonly onFoldersChange: (folders: readonly FolderRef[]) => void;
  readonly includeSubfolders: boolean;
  readonly onIncludeSubfolders: (value: boolean) => void;
  readonly newItemsIndex: number;
  readonly onNewItemsIndex: (index: number) => void;
  readonly error?: string | undefined;
}

/** B5: folders picked from a real mailbox's tree (FindFolder through the API), plus subfolders and the folder for new items. */
export function FolderPicker(props: FolderPickerProps) {
  const { strings: s, api, accounts, dataType, folders, onFoldersChange, error } = props;
  const styles = useStyles();
  const errorId = useId();
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? '');
  const [tree, setTree] = useState<readonly ExchangeFolder[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState('');
  const selected = new Set(folders.map(folderKey));

  async function load() {
    setLoading(true);
    setFailure('');
    try {
      setTree(await api.listFolders(accountId));
    } catch (err) {
      setFailure(describeApiError(err, s));
    } finally {
      setLoading(false);
    }
  }

  function toggle(folder: ExchangeFolder, on: boolean) {
    const ref = toFolderRef(folder);
    const key = folderKey(ref);
    onFoldersChange(on ? [...folders, ref] : folders.filter((f) => folderKey(f) !== key));
    props.onNewItemsIndex(-1);
  }

  const offered = tree ? foldersForType(tree, dataType) : [];
  return (
    <fieldset className={styles.root} aria-describedby={error ? errorId : undefined} aria-invalid={error ? true : undefined}>
      <legend className={styles.legend}>
        {s.rules.folders} <span aria-hidden="true">*</span>
      </legend>
      {error ? (
        <Text id={errorId} className={styles.error}>
          {error}
        </Text>
      ) : null}
      <div className={styles.inner}>
        {accounts.length === 0 ? (
          <Text size={200}>{s.rules.needAccount}</Text>
        ) : (
          <div className={styles.row}>
            <Field label={s.rules.browseMailbox}>
              <Select value={accountId} onChange={(_e, d) => { setAccountId(d.value); setTree(null); }}>
                {accounts.map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.mailbox}
                  </option>
                ))}
              </Select>
            </Field>
            <Button onClick={() => void load()} disabled={loading || accountId === ''}>
              {s.rules.loadFolders}
            </Button>
            {loading ? <Spinner size="tiny" aria-label={s.common.loading} /> : null}
          </div>
        )}
        {failure ? <FormMessage intent="error" text={failure} /> : null}
        {tree ? (
          <div className={styles.tree} role="group" aria-label={s.rules.folderTree(accounts.find((a) => a.id === accountId)?.mailbox ?? '')}>
            {offered.length === 0 ? <Text size={200}>{s.rules.noFolders}</Text> : null}
            {offered.map((folder) => (
              <Checkbox
                key={folder.id}
                style={{ marginLeft: `${folderDepth(folder, tree) * 16}px` }}
                checked={selected.has(folderKey(toFolderRef(folder)))}
                onChange={(_e, d) => toggle(folder, d.checked === true)}
                label={folder.wellKnownName ? `${folder.displayName} (${s.rules.wellKnown})` : folder.displayName}
              />
            ))}
          </div>
        ) : null}
        <Checkbox checked={props.includeSubfolders} onChange={(_e, d) => props.onIncludeSubfolders(d.checked === true)} label={s.rules.includeSubfolders} />
        {folders.length > 0 ? (
          <Field label={s.rules.newItemsFolder}>
            <RadioGroup value={String(props.newItemsIndex)} onChange={(_e, d) => props.onNewItemsIndex(Number(d.value))}>
              <Radio value="-1" label={s.rules.newItemsFirst} />
              {folders.map((folder, index) => (
                <Radio key={folderKey(folder)} value={String(index)} label={describeFolderRef(folder)} />
              ))}
            </RadioGroup>
          </Field>
        ) : null}
      </div>
    </fieldset>
  );
}
