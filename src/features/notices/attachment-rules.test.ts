import { ATTACHMENT_NAME_MAX, attachmentName, fileSizeText, pdfProblem, PDF_MAX_BYTES } from './attachment-rules';

describe('pdfProblem', () => {
  it('accepts a PDF by its name or its type', () => {
    expect(pdfProblem({ name: '停水通知.PDF', size: 1000 })).toBeNull();
    expect(pdfProblem({ name: 'blob', size: 1000, mime: 'application/pdf' })).toBeNull();
  });

  it('refuses other files, empty files and files over 10 MB', () => {
    expect(pdfProblem({ name: '通知.docx', size: 1000 })).toBe('只能添加 PDF 文件');
    expect(pdfProblem({ name: 'a.pdf', size: 0 })).toBe('文件是空的');
    expect(pdfProblem({ name: 'a.pdf', size: PDF_MAX_BYTES })).toBeNull();
    expect(pdfProblem({ name: 'a.pdf', size: PDF_MAX_BYTES + 1 })).toContain('超过10MB');
  });
});

describe('attachmentName', () => {
  it('keeps a short name as it is', () => {
    expect(attachmentName(' 停水通知.pdf ')).toBe('停水通知.pdf');
  });

  it('cuts a long name to the contract limit, keeping .pdf', () => {
    const name = attachmentName(`${'长'.repeat(80)}.pdf`);
    expect(Array.from(name)).toHaveLength(ATTACHMENT_NAME_MAX);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('gives a name to a file without one', () => {
    expect(attachmentName('   ')).toBe('附件.pdf');
  });
});

describe('fileSizeText', () => {
  it('reads bytes, kilobytes and megabytes', () => {
    expect(fileSizeText(820)).toBe('820 B');
    expect(fileSizeText(320 * 1024)).toBe('320 KB');
    expect(fileSizeText(1.5 * 1024 * 1024)).toBe('1.5 MB');
  });
});
