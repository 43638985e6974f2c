/** `localEmergency.vm.driver` is another name for `provider`; two different values are refused, not chosen. */
import { vmSchema } from '../../src/core/config-schema.js';

const vm = { name: 'weborca' };

test('driver is read as provider', () => {
  const parsed = vmSchema.parse({ ...vm, driver: 'hyperv' });
  expect(parsed.provider).toBe('hyperv');
  expect('driver' in parsed).toBe(false);
  expect(vmSchema.parse({ ...vm, provider: 'virtualbox' }).provider).toBe('virtualbox');
  expect(vmSchema.parse({ ...vm, provider: 'lab', driver: 'lab' }).provider).toBe('lab');
});

test('driver and provider that disagree, or an unknown driver, are errors naming the setting', () => {
  const both = vmSchema.safeParse({ ...vm, provider: 'virtualbox', driver: 'hyperv' });
  expect(both.success).toBe(false);
  expect(both.error?.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
    'driver',
    'differs from provider (virtualbox)',
  ]);
  const unknown = vmSchema.safeParse({ ...vm, driver: 'vmware' });
  expect(unknown.success).toBe(false);
  expect(unknown.error?.issues[0]?.path).toEqual(['provider']);
});
