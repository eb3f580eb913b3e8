import { useState } from 'react';
import Taro from '@tarojs/taro';
import { messageOf } from '../../lib/cloud/call-error';
import { exportAssessmentFile, type ExportRequest } from './export-file';

export type ExportFormat = 'xlsx' | 'csv';

/**
 * One export button pair's state: which format is being written, what went wrong (in Chinese), and what
 * was exported. `run` writes the file through the function and delivers it (download / document viewer).
 */
export function useExport(describe: (file: { fileName: string; rows: number }) => string) {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function run(input: ExportRequest): Promise<void> {
    setBusy(input.format);
    setError(null);
    setDone(null);
    try {
      const file = await exportAssessmentFile(input);
      setDone(describe(file));
      void Taro.showToast({ title: '已导出', icon: 'success' });
    } catch (e) {
      setError(`导出失败：${messageOf(e)}`);
    } finally {
      setBusy(null);
    }
  }

  return { busy, error, done, run };
}
