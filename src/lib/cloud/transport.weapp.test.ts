/**
 * The weapp transport's upload: write the file into the caller's own storage folder, then claim it with
 * account.claimUpload — whose reply (a refusal included) is what the client sees. Taro's cloud API is a
 * double here: the platform is not in a unit test.
 */
import { createClient } from './client';
import { CallError } from './call-error';
import { TransportFailure } from './transport.port';

const cloud = {
  init: jest.fn(),
  uploadFile: jest.fn(),
  callFunction: jest.fn(),
};
jest.mock('@tarojs/taro', () => ({ __esModule: true, default: { cloud } }));

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { transport } = require('./transport.weapp') as typeof import('./transport.weapp');
const owner = { userId: async () => 'u-42' };

beforeEach(() => {
  cloud.uploadFile.mockReset();
  cloud.callFunction.mockReset();
});

describe('weapp upload: write, then claim', () => {
  it('writes under uploads/<userId>/ and answers the claim of that file', async () => {
    cloud.uploadFile.mockResolvedValue({ fileID: 'cloud://env.b/uploads/u-42/abc.pdf' });
    cloud.callFunction.mockResolvedValue({ result: { ok: true, data: { fileId: 'cloud://env.b/uploads/u-42/abc.pdf' } } });
    expect(await transport.upload('wxfile://tmp/停水.pdf', owner)).toEqual({ ok: true, data: { fileId: 'cloud://env.b/uploads/u-42/abc.pdf' } });
    expect(cloud.uploadFile.mock.calls[0][0]).toMatchObject({ cloudPath: expect.stringMatching(/^uploads\/u-42\/[0-9a-z]+\.pdf$/), filePath: 'wxfile://tmp/停水.pdf' });
    expect(cloud.callFunction).toHaveBeenCalledWith({ name: 'account', data: { action: 'claimUpload', data: { fileId: 'cloud://env.b/uploads/u-42/abc.pdf' } } });
  });

  it('a refused claim reaches the page as its code and Chinese message', async () => {
    cloud.uploadFile.mockResolvedValue({ fileID: 'cloud://env.b/uploads/u-42/x.pdf' });
    const message = '文件不是有效的PDF（可能已损坏或加密），请重新导出后再上传';
    cloud.callFunction
      .mockResolvedValueOnce({ result: { ok: true, data: { userId: 'u-42', name: '王芳', roles: [], grants: [], residence: null } } })
      .mockResolvedValueOnce({ result: { ok: false, code: 'UPLOAD.BAD_FILE', message } });
    const error = await createClient(transport).uploadFile('wxfile://tmp/x.pdf').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallError);
    expect(error).toMatchObject({ code: 'UPLOAD.BAD_FILE', message });
    expect(cloud.callFunction.mock.calls.map((c) => (c[0] as { data: { action: string } }).data.action)).toEqual(['me', 'claimUpload']);
  });

  it('a failed write is a transport failure and nothing is claimed', async () => {
    cloud.uploadFile.mockRejectedValue({ errCode: -1, errMsg: 'uploadFile:fail network' });
    await expect(transport.upload('wxfile://tmp/a.jpg', owner)).rejects.toBeInstanceOf(TransportFailure);
    expect(cloud.callFunction).not.toHaveBeenCalled();
  });
});
