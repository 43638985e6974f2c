import { render } from '@inquirer/testing';
import { createInquirerPrompter, type PromptStreams, type Prompter } from '../../src/commands/config-init/prompter.js';

/** Drives one method of the real (inquirer) prompter through @inquirer/testing's virtual terminal. */
function through<Q>(pick: (p: Prompter, q: Q) => Promise<unknown>) {
  return (q: Q, context: PromptStreams) => createInquirerPrompter(context).then((p) => pick(p, q));
}

describe('inquirer prompter', () => {
  test('input shows the validation reason and accepts a valid answer', async () => {
    const { answer, events, getScreen, nextRender } = await render(
      through<Parameters<Prompter['input']>[0]>((p, q) => p.input(q)) as never,
      {
        name: 'clinic.institutionCode',
        message: 'Medical institution code',
        validate: (v: string) => (/^\d{10}$/.test(v) ? true : 'must be 10 digits'),
      },
    );
    events.type('123');
    events.keypress('enter');
    await nextRender();
    expect(getScreen()).toContain('must be 10 digits');
    events.type('4567890');
    events.keypress('enter');
    await expect(answer).resolves.toBe('1234567890');
  });

  test('select shows the labels and returns the value; password masks what is typed', async () => {
    const select = await render(through<Parameters<Prompter['select']>[0]>((p, q) => p.select(q)) as never, {
      name: 'environments.operating.kind',
      message: 'Where does the operating environment run?',
      choices: [
        { value: 'cloud', label: 'WebORCA cloud' },
        { value: 'postgres', label: 'On-premises server (PostgreSQL)' },
      ],
    });
    expect(select.getScreen()).toContain('On-premises server (PostgreSQL)');
    select.events.keypress('down');
    select.events.keypress('enter');
    await expect(select.answer).resolves.toBe('postgres');

    const secret = await render(through<Parameters<Prompter['password']>[0]>((p, q) => p.password(q)) as never, {
      name: 'x.apiKey',
      message: 'API key',
      validate: () => true,
    });
    secret.events.type('TYPED-SECRET');
    await secret.nextRender();
    expect(secret.getScreen()).not.toContain('TYPED-SECRET');
    secret.events.keypress('enter');
    await expect(secret.answer).resolves.toBe('TYPED-SECRET');
  });
});
