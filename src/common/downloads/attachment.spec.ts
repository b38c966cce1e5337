import { attachment } from './attachment.js';

describe('attachment', () => {
  it('asks the browser to save the file under its name', () => {
    expect(attachment('scorecard-month-2026-11-27.pdf')).toBe('attachment; filename="scorecard-month-2026-11-27.pdf"');
  });
});
