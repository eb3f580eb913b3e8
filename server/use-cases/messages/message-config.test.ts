import { DEFAULT_SENDS_PER_SECOND, messageConfigFromEnv, parseTemplateIds } from './message-config';

describe('subscribe-message configuration', () => {
  it('reads template ids per template; off or empty means none', () => {
    expect(parseTemplateIds('request_status=AbC_1-x, notice_urgent = Zz9')).toEqual({ templates: { request_status: 'AbC_1-x', notice_urgent: 'Zz9' }, problems: [] });
    expect(parseTemplateIds('off')).toEqual({ templates: {}, problems: [] });
    expect(parseTemplateIds(undefined)).toEqual({ templates: {}, problems: [] });
  });

  it('says what is wrong: an unknown template, a value that is not an id, a template given twice', () => {
    const { templates, problems } = parseTemplateIds('request_stauts=A1,request_new=has space,request_new=B2,request_overdue=C3,request_overdue=C4,notice_urgent');
    expect(templates).toEqual({ request_new: 'B2', request_overdue: 'C3' });
    expect(problems).toEqual([
      expect.stringContaining('unknown template "request_stauts"'),
      'template request_new: "has space" is not a template id',
      'template request_overdue is given twice',
      'template notice_urgent: "" is not a template id',
    ]);
  });

  it('takes the send rate and mini-program state from the environment, with defaults for the unset or unreadable', () => {
    const errors: string[] = [];
    const log = { error: (m: string) => void errors.push(m) };
    expect(messageConfigFromEnv({ WGT_SUBSCRIBE_TEMPLATES: 'request_status=T1', WGT_SEND_RATE: '5', WGT_MINIPROGRAM_STATE: 'trial' }, log)).toEqual({
      templates: { request_status: 'T1' },
      sendsPerSecond: 5,
      miniprogramState: 'trial',
    });
    expect(messageConfigFromEnv({ WGT_SEND_RATE: '0' }, log).sendsPerSecond).toBe(0);
    expect(errors).toEqual([]);
    expect(messageConfigFromEnv({ WGT_SEND_RATE: 'fast', WGT_MINIPROGRAM_STATE: 'beta', WGT_SUBSCRIBE_TEMPLATES: 'x=1' }, log)).toEqual({
      templates: {},
      sendsPerSecond: DEFAULT_SENDS_PER_SECOND,
      miniprogramState: 'formal',
    });
    expect(errors).toHaveLength(2);
  });
});
