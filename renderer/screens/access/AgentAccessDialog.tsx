import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccessProfile, AppError, DescribedField, DescribedObject, ObjectAccess } from '../../../common';
import { toAppError } from '../../../common/app-error';
import { useApi } from '../../api/context';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLive } from '../../state/live';
import { useOperation } from '../../state/use-operation';
import { canEdit, changeObject, toggleField, withObject, withoutObject } from './access-draft';

type Loaded<T> = { phase: 'loading' } | { phase: 'failed'; error: AppError } | { phase: 'ready'; value: T };

/** The field picker: the agent's objects and fields, chosen from the org's own describe. */
export default function AgentAccessDialog({
  initial,
  onClose,
  onSaved,
}: {
  initial: AccessProfile;
  onClose: () => void;
  onSaved: (profile: AccessProfile) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { update } = useLive();
  const saving = useOperation();
  const [draft, setDraft] = useState(initial);
  const [selected, setSelected] = useState(initial.objects[0]?.object ?? '');
  const objects = useLoaded(useCallback(() => api['org.describeObjects']({}), [api]));
  const selectedAccess = draft.objects.find((o) => o.object === selected);

  const save = async () => {
    const connection = await saving.run(() => api['agent.accessProfile.update'](draft));
    if (!connection) return;
    update({ connection });
    onSaved(draft);
    onClose();
  };
  const addObject = (object: DescribedObject | null) => {
    if (!object) return;
    setDraft((d) => withObject(d, object.name));
    setSelected(object.name);
  };
  const removeObject = (object: string) => {
    const next = withoutObject(draft, object);
    setDraft(next);
    setSelected(next.objects[0]?.object ?? '');
  };

  return (
    <Dialog open onClose={onClose} aria-labelledby="agent-access-title" maxWidth="md" fullWidth scroll="paper">
      <DialogTitle id="agent-access-title">{t('agentAccess.dialogTitle')}</DialogTitle>
      <DialogContent dividers>
        <Typography variant="body2" sx={{ mb: 2 }}>
          {t('agentAccess.dialogIntro')}
        </Typography>
        <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '14rem 1fr' }, gap: 2 }}>
          <ObjectList chosen={draft.objects} selected={selected} onSelect={setSelected} available={objects} onAdd={addObject} />
          {selectedAccess && (
            <ObjectEditor
              key={selectedAccess.object}
              access={selectedAccess}
              canRemove={draft.objects.length > 1}
              onChange={(change) => setDraft((d) => changeObject(d, selectedAccess.object, change))}
              onToggleField={(field, on) => setDraft((d) => toggleField(d, selectedAccess.object, field, on))}
              onRemove={() => removeObject(selectedAccess.object)}
            />
          )}
        </Box>
        {saving.error && <ErrorAlert error={saving.error} />}
      </DialogContent>
      <DialogActions>
        <Typography variant="body2" color="text.secondary" sx={{ mr: 'auto', pl: 1 }}>
          {t('agentAccess.saveNote')}
        </Typography>
        <Button onClick={onClose}>{t('actions.cancel')}</Button>
        <Button variant="contained" disabled={saving.busy} onClick={() => void save()}>
          {t('actions.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

interface ObjectListProps {
  chosen: ObjectAccess[];
  selected: string;
  onSelect: (object: string) => void;
  available: Loaded<DescribedObject[]>;
  onAdd: (object: DescribedObject | null) => void;
}

/** The agent's objects, and a picker for the org's objects not yet among them. */
function ObjectList({ chosen, selected, onSelect, available, onAdd }: ObjectListProps) {
  const { t } = useTranslation();
  return (
    <Box>
      <List dense aria-label={t('agentAccess.objectsLabel')}>
        {chosen.map((access) => (
          <ListItem key={access.object} disablePadding>
            <ListItemButton
              selected={access.object === selected}
              aria-current={access.object === selected ? 'true' : undefined}
              onClick={() => onSelect(access.object)}
            >
              <ListItemText primary={access.object} secondary={t('agentAccess.fieldCount', { count: access.fields.length })} />
            </ListItemButton>
          </ListItem>
        ))}
      </List>
      {available.phase === 'ready' && (
        <Autocomplete
          options={available.value.filter((o) => !chosen.some((a) => a.object === o.name))}
          getOptionLabel={(o) => `${o.label} (${o.name})`}
          renderOption={(props, o) => (
            <li {...props} key={o.name}>
              {o.label} ({o.name}){o.custom && <Chip size="small" label={t('agentAccess.custom')} sx={{ ml: 1 }} />}
            </li>
          )}
          value={null}
          onChange={(_event, value) => onAdd(value)}
          renderInput={(params) => <TextField {...params} label={t('agentAccess.addObject')} size="small" />}
          size="small"
        />
      )}
      {available.phase === 'failed' && <ErrorAlert error={available.error} />}
    </Box>
  );
}

/** Loads once per `load` identity (wrap it in useCallback). */
function useLoaded<T>(load: () => Promise<T>): Loaded<T> {
  const [state, setState] = useState<Loaded<T>>({ phase: 'loading' });
  useEffect(() => {
    let active = true;
    load().then(
      (value) => active && setState({ phase: 'ready', value }),
      (thrown: unknown) => active && setState({ phase: 'failed', error: toAppError(thrown) }),
    );
    return () => {
      active = false;
    };
  }, [load]);
  return state;
}

interface ObjectEditorProps {
  access: ObjectAccess;
  canRemove: boolean;
  onChange: (change: Partial<Omit<ObjectAccess, 'object'>>) => void;
  onToggleField: (field: string, on: boolean) => void;
  onRemove: () => void;
}

function ObjectEditor({ access, canRemove, onChange, onToggleField, onRemove }: ObjectEditorProps) {
  const { t } = useTranslation();
  const api = useApi();
  const [search, setSearch] = useState('');
  const described = useLoaded(useCallback(() => api['org.describeObject']({ name: access.object }), [api, access.object]));
  const optIns = access.viewAllRecords || access.edit;
  // Activities take no object permission (fact ACTIVITY-OBJECT-PERMISSIONS): nothing to view all, only fields.
  const throughParents = described.phase === 'ready' && !described.value.objectPermissions;

  return (
    <Box component="section" aria-labelledby="object-editor-heading" sx={{ minWidth: 0 }}>
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography id="object-editor-heading" variant="subtitle1" component="h3">
          {described.phase === 'ready' ? `${described.value.label} (${access.object})` : access.object}
        </Typography>
        <Button size="small" color="error" disabled={!canRemove} onClick={onRemove}>
          {t('agentAccess.removeObject', { object: access.object })}
        </Button>
      </Stack>
      {throughParents && (
        <Alert severity="info" sx={{ my: 1 }}>
          {t('agentAccess.throughParentRecords')}
        </Alert>
      )}
      <FormGroup>
        {!throughParents && (
          <FormControlLabel
            control={<Switch checked={access.viewAllRecords} onChange={(event) => onChange({ viewAllRecords: event.target.checked })} />}
            label={t('agentAccess.viewAll')}
          />
        )}
        {canEdit(access.object) && (
          <FormControlLabel
            control={<Switch checked={access.edit} onChange={(event) => onChange({ edit: event.target.checked })} />}
            label={t('agentAccess.edit')}
          />
        )}
      </FormGroup>
      {optIns && (
        <Alert severity="warning" sx={{ my: 1 }}>
          {access.viewAllRecords && <Typography variant="body2">{t('agentAccess.viewAllWarning')}</Typography>}
          {access.edit && <Typography variant="body2">{t('agentAccess.editWarning')}</Typography>}
        </Alert>
      )}
      {described.phase === 'loading' && <CircularProgress size={24} aria-label={t('common.loading')} />}
      {described.phase === 'failed' && <ErrorAlert error={described.error} />}
      {described.phase === 'ready' && (
        <FieldPicker fields={described.value.fields} chosen={access.fields} search={search} onSearch={setSearch} onToggle={onToggleField} />
      )}
    </Box>
  );
}

function FieldPicker(props: {
  fields: DescribedField[];
  chosen: string[];
  search: string;
  onSearch: (value: string) => void;
  onToggle: (field: string, on: boolean) => void;
}) {
  const { t } = useTranslation();
  const query = props.search.trim().toLowerCase();
  const matches = props.fields.filter((f) => !query || f.name.toLowerCase().includes(query) || f.label.toLowerCase().includes(query));
  const choosable = matches.filter((f) => f.permissionable);
  const alwaysReadable = matches.filter((f) => !f.permissionable);
  return (
    <>
      <TextField
        type="search"
        label={t('agentAccess.searchFields')}
        value={props.search}
        onChange={(event) => props.onSearch(event.target.value)}
        size="small"
        fullWidth
        sx={{ my: 1 }}
      />
      <FormGroup aria-label={t('agentAccess.fieldsLabel')} sx={{ maxHeight: 280, overflowY: 'auto', flexWrap: 'nowrap' }}>
        {choosable.map((field) => (
          <FormControlLabel
            key={field.name}
            control={
              <Checkbox
                size="small"
                checked={props.chosen.includes(field.name)}
                onChange={(event) => props.onToggle(field.name, event.target.checked)}
              />
            }
            label={
              <>
                {field.label}{' '}
                <Typography component="span" variant="body2" color="text.secondary">
                  ({field.name})
                </Typography>
                {field.custom && <Chip size="small" label={t('agentAccess.custom')} sx={{ ml: 1 }} />}
              </>
            }
          />
        ))}
        {choosable.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {t('agentAccess.noMatches')}
          </Typography>
        )}
      </FormGroup>
      {alwaysReadable.length > 0 && (
        <Box sx={{ mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            {t('agentAccess.alwaysReadable')}
          </Typography>
          <Typography variant="body2">{alwaysReadable.map((f) => `${f.label} (${f.name})`).join(', ')}</Typography>
        </Box>
      )}
    </>
  );
}
