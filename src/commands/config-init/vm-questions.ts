/** The questions about the local emergency environment's VM, asked when the wizard is told there is one. */
import { both, is, type Question } from './question-types.js';

const vmWanted = is('_vm', true);

export const VM_QUESTIONS: readonly Question[] = [
  { id: '_vm', kind: 'confirm', messageKey: 'config.q.vm', default: false },
  {
    id: 'environments.localEmergency.vm.provider',
    kind: 'choice',
    messageKey: 'config.q.vmProvider',
    default: 'virtualbox',
    when: vmWanted,
    choices: [
      { value: 'virtualbox', labelKey: 'config.choice.virtualbox' },
      { value: 'hyperv', labelKey: 'config.choice.hyperv' },
      { value: 'lab', labelKey: 'config.choice.lab' },
    ],
  },
  { id: 'environments.localEmergency.vm.name', kind: 'text', messageKey: 'config.q.vmName', when: vmWanted },
  {
    id: 'environments.localEmergency.vm.labDir',
    kind: 'folder',
    messageKey: 'config.q.labDir',
    optional: true,
    when: both(vmWanted, is('environments.localEmergency.vm.provider', 'lab')),
  },
  {
    id: 'environments.localEmergency.vm.snapshot',
    kind: 'text',
    messageKey: 'config.q.vmSnapshot',
    default: 'clean',
    when: vmWanted,
  },
  {
    id: 'environments.localEmergency.vm.startTimeoutSeconds',
    kind: 'number',
    messageKey: 'config.q.vmStartTimeout',
    default: 180,
    min: 10,
    max: 3600,
    when: vmWanted,
  },
];
