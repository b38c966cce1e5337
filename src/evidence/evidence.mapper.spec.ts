import { countTimeline } from './evidence.mapper.js';

describe('countTimeline', () => {
  it('counts live items by stance and retracted ones apart', () => {
    expect(
      countTimeline([
        { stance: 'supports', retracted: false },
        { stance: 'supports', retracted: false },
        { stance: 'contradicts', retracted: false },
        { stance: 'supports', retracted: true },
        { stance: 'context', retracted: true },
      ]),
    ).toEqual({ supports: 2, contradicts: 1, context: 0, retracted: 2 });
  });

  it('is all zeros for a forecast without evidence', () => {
    expect(countTimeline([])).toEqual({ supports: 0, contradicts: 0, context: 0, retracted: 0 });
  });
});
