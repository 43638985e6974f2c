import { GuardError } from '../../src/core/errors.js';
import { defaultState, parseState, serializeState, STATE_SCHEMA_VERSION, validateState } from '../../src/core/state.js';
import {
  addPendingModePush,
  clearPendingModePush,
  recordMode,
  recordRestorePoint,
  recordSequences,
  recordSync,
  selectEmergency,
} from '../../src/core/state-changes.js';
import { diffState, isEmptyDiff } from '../../src/core/state-diff.js';

const at = new Date('2026-11-25T01:00:00.000Z');

function catchError(fn: () => unknown): GuardError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GuardError) return error;
    throw error;
  }
  throw new Error('expected a GuardError');
}

describe('state document', () => {
  test('the default state round-trips through its file text', () => {
    const state = defaultState();
    expect(state).toMatchObject({ schemaVersion: 1, mode: 'normal', selectedEmergency: 'cloud', lastSync: null });
    expect(parseState(serializeState(state), 'state.json')).toEqual(state);
  });

  test('text that is not JSON is refused as damaged (exit 5), naming the file', () => {
    const error = catchError(() => parseState('{"schemaVersion": 1, "mo', '/x/state.json'));
    expect(error.key).toBe('state.damaged');
    expect(error.exitCode).toBe(5);
    expect(error.params.path).toBe('/x/state.json');
  });

  test('a newer schemaVersion is refused with the versions compared', () => {
    const error = catchError(() =>
      parseState(JSON.stringify({ ...defaultState(), schemaVersion: STATE_SCHEMA_VERSION + 1, newThing: {} }), 's'),
    );
    expect(error.key).toBe('state.tooNew');
    expect(error.params).toMatchObject({ found: 2, supported: 1 });
  });

  test('a wrong shape lists every problem with its dotted path', () => {
    const raw = {
      schemaVersion: 1,
      mode: 'panic',
      selectedEmergency: 'cloud',
      lastKnownSequences: { operating: { values: { outpatientSlip: -1 } } },
    };
    const error = catchError(() => parseState(JSON.stringify(raw), 's'));
    expect(error.key).toBe('state.invalid');
    expect(error.details.some((d) => d.startsWith('mode:'))).toBe(true);
    expect(error.details.some((d) => d.startsWith('lastKnownSequences.operating.values.outpatientSlip:'))).toBe(true);
    expect(error.details.some((d) => d.startsWith('lastKnownSequences.operating.readAt:'))).toBe(true);
  });

  test('a missing or non-numeric schemaVersion is invalid, not defaulted', () => {
    expect(catchError(() => parseState('{"mode":"normal","selectedEmergency":"cloud"}', 's')).key).toBe(
      'state.invalid',
    );
    expect(catchError(() => parseState('[]', 's')).key).toBe('state.invalid');
    expect(catchError(() => parseState('null', 's')).key).toBe('state.invalid');
  });

  test('an unknown environment name in a per-environment map is refused', () => {
    const raw = { ...defaultState(), pendingModePushes: { operatingg: 'normal' } };
    expect(catchError(() => validateState(raw, 's')).key).toBe('state.invalid');
  });

  test('keys written by a later release of the same schema version survive a change', () => {
    const parsed = parseState(JSON.stringify({ ...defaultState(), vmNotes: { last: 'ok' } }), 's');
    const changed = selectEmergency(parsed, 'local');
    expect(JSON.parse(serializeState(changed))).toMatchObject({ vmNotes: { last: 'ok' }, selectedEmergency: 'local' });
  });
});

describe('state changes', () => {
  test('select changes the selection in normal mode without touching the input', () => {
    const before = defaultState();
    const after = selectEmergency(before, 'local');
    expect(after.selectedEmergency).toBe('local');
    expect(before.selectedEmergency).toBe('cloud');
  });

  test('selecting the already selected environment is no change, even mid-outage', () => {
    const state = recordMode(defaultState(), 'emergency', at);
    expect(selectEmergency(state, 'cloud')).toBe(state);
  });

  test('records sequences, restore points, sync outcomes and pending pushes', () => {
    let state = recordSequences(
      defaultState(),
      'operating',
      { outpatientSlip: 60, inpatientSlip: 20, patientSerial: 110, patientId: 110 },
      at,
    );
    state = recordRestorePoint(state, 'cloudEmergency', 'nightly-2026-11-25', at);
    state = recordSync(state, { at, outcome: 'downloaded', backupId: 'nightly-2026-11-25' });
    state = addPendingModePush(state, 'localEmergency', 'emergency');
    const reread = parseState(serializeState(state), 's');
    expect(reread.lastKnownSequences.operating).toEqual({
      values: { outpatientSlip: 60, inpatientSlip: 20, patientSerial: 110, patientId: 110 },
      readAt: at.toISOString(),
    });
    expect(reread.restorePoints.cloudEmergency).toEqual({
      backupId: 'nightly-2026-11-25',
      restoredAt: at.toISOString(),
    });
    expect(reread.lastSync).toEqual({ at: at.toISOString(), outcome: 'downloaded', backupId: 'nightly-2026-11-25' });
    expect(clearPendingModePush(reread, 'localEmergency').pendingModePushes).toEqual({});
  });

  test('a restore point with a path-like backup id is invalid', () => {
    const state = recordRestorePoint(defaultState(), 'cloudEmergency', '../../etc', at);
    expect(catchError(() => validateState(state, 's')).key).toBe('state.invalid');
  });
});

describe('diffState', () => {
  test('lists only changed leaves, before and after', () => {
    const before = defaultState();
    const after = recordSequences(
      selectEmergency(before, 'local'),
      'operating',
      { outpatientSlip: 1, inpatientSlip: 2, patientSerial: 3, patientId: 4 },
      at,
    );
    const diff = diffState(before, after);
    expect(diff.before).toMatchObject({
      selectedEmergency: 'cloud',
      'lastKnownSequences.operating.values.outpatientSlip': null,
    });
    expect(diff.after).toMatchObject({
      selectedEmergency: 'local',
      'lastKnownSequences.operating.values.outpatientSlip': 1,
    });
    expect(Object.keys(diff.before)).toEqual(Object.keys(diff.after));
    expect(Object.keys(diff.after)).not.toContain('mode');
  });

  test('an unchanged state gives an empty diff', () => {
    expect(isEmptyDiff(diffState(defaultState(), defaultState()))).toBe(true);
  });
});
