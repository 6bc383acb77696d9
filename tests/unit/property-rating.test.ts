/** 红色物业's client logic (src/stores): quarters in words and steps, the rate shown, the rating form's checks and its answer. */
import { call } from '../../src/services/cloud';
import { CloudError } from '../../src/services/CloudError';
import { nextQuarter, percent, prevQuarter, quarterName } from '../../src/stores/cobuild/property';
import { nextQuarterStart, propertyRating, quarterWords } from '../../src/stores/resident/propertyRating';

jest.mock('../../src/services/cloud', () => ({ call: jest.fn() }));
const mockCall = call as jest.Mock;

const STATUS = {
  quarter: '2026Q4',
  estate: { id: 'c01-g01-m1', name: '凤凰名苑1栋', communityId: 'c01' },
  company: { id: 'p01', name: '锦绣物业', partyOrgKind: 'single' },
  mine: null,
  canRate: true,
  reason: null,
};

test('quarters: in words, a year turning over both ways, and the day the next one starts', () => {
  expect(quarterName({ year: 2026, index: 3 })).toBe('2026年三季度');
  expect(prevQuarter({ year: 2026, index: 1 })).toEqual({ year: 2025, index: 4 });
  expect(nextQuarter({ year: 2026, index: 4 })).toEqual({ year: 2027, index: 1 });
  expect(quarterWords('2026Q4')).toBe('2026年四季度');
  expect(nextQuarterStart('2026Q3')).toBe('2026年10月1日');
  expect(nextQuarterStart('2026Q4')).toBe('2027年1月1日');
  expect(nextQuarterStart('2026Q1')).toBe('2026年4月1日');
});

test('the satisfaction rate to one decimal, none without a rating', () => {
  expect(percent(0.8571)).toBe('85.7%');
  expect(percent(1)).toBe('100.0%');
  expect(percent(null)).toBeNull();
});

describe('物业服务评价', () => {
  beforeEach(() => {
    mockCall.mockReset();
    mockCall.mockResolvedValue(STATUS);
    propertyRating.open();
  });

  it('refuses to send without a choice or with too long a comment', async () => {
    mockCall.mockClear();
    expect(await propertyRating.submit()).toBe(false);
    expect(propertyRating.errors.rating).toBe('请选择满意、基本满意或不满意');
    propertyRating.pick('satisfied');
    propertyRating.setComment('好'.repeat(201));
    expect(await propertyRating.submit()).toBe(false);
    expect(propertyRating.errors.comment).toBe('最多 200 个字');
    expect(mockCall).not.toHaveBeenCalled();
  });

  it('sends the choice (the comment only when written) and shows the answer', async () => {
    const rated = {
      ...STATUS,
      mine: { rating: 'basic', comment: null, at: '2026-12-07T02:00:00.000Z' },
      canRate: false,
    };
    mockCall.mockResolvedValueOnce(rated);
    propertyRating.pick('basic');
    propertyRating.setComment('   ');
    expect(await propertyRating.submit()).toBe(true);
    expect(mockCall).toHaveBeenLastCalledWith('cobuild', 'rateProperty', { rating: 'basic' });
    expect(propertyRating.status.value).toEqual(rated);
  });

  it('rated meanwhile on another phone (CONFLICT): reads the status again', async () => {
    mockCall.mockRejectedValueOnce(new CloudError('CONFLICT', '本季度已评价', null));
    propertyRating.pick('unsatisfied');
    expect(await propertyRating.submit()).toBe(false);
    expect(propertyRating.sending.error?.message).toBe('本季度已评价');
    expect(mockCall).toHaveBeenLastCalledWith('cobuild', 'propertyRatingStatus', {});
  });
});
