import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { MemberYearView } from '../../../../../contract';
import { SIX_ONES_ITEMS, SIX_ONES_LABELS } from '../../../../../contract/sixOnes';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { Screen } from '../../../../components/Screen';
import { durationText } from '../../../../components/sixOnes/labels';
import { RecordItem } from '../../../../components/sixOnes/RecordItem';
import { SIX_ONES_ROUTES } from '../../../../components/sixOnes/routes';
import { ROUTES } from '../../../../routes';
import { session } from '../../../../stores/session';
import type { FiledKind } from '../../../../stores/member/recordForm';
import { myYear } from '../../../../stores/sixOnesYear';
import './index.scss';

type YearItem = MemberYearView['items'][number];

const go = (url: string) => void Taro.navigateTo({ url });
const file = (kind: FiledKind) => go(`${SIX_ONES_ROUTES.recordFile}?kind=${kind}`);
const refile = (recordId: string) => go(`${SIX_ONES_ROUTES.recordFile}?refile=${encodeURIComponent(recordId)}`);

/** The year, once the user is known to be a verified member. */
function show(): void {
  if (session.me && session.isVerifiedMember) myYear.show();
}

/** A way to get an item done: a large button under it. */
const Way = ({
  name,
  label,
  onClick,
  primary,
}: {
  name: string;
  label: string;
  onClick: () => void;
  primary?: boolean;
}) => (
  <Button
    className={`six-ones-item__way six-ones-item__way--${name}`}
    type={primary ? 'primary' : 'default'}
    size="large"
    block
    onClick={onClick}
  >
    {label}
  </Button>
);

/** The buttons of each item: where to go (activities, the wish hall) or what to file. */
function ways({ item, done, records }: YearItem, year: MemberYearView) {
  switch (item) {
    case 'partyMeeting':
    case 'symposium':
    case 'volunteer':
      return done ? null : (
        <Way name="activities" label="去报名社区活动" onClick={() => go(SIX_ONES_ROUTES.activities)} />
      );
    case 'survey':
      return done ? null : (
        <>
          <Way name="surveyReport" label="提交调研报告" primary onClick={() => file('surveyReport')} />
          <Way name="activities" label="参加社区调研活动" onClick={() => go(SIX_ONES_ROUTES.activities)} />
        </>
      );
    case 'wish':
      return done ? null : (
        <Way name="wishes" label="去认领微心愿" onClick={() => void Taro.switchTab({ url: ROUTES.wishes })} />
      );
    case 'pairing': {
      // The item is done with a pairing and a visit: once a pairing is approved (or waits for
      // review) what is left is visiting, not registering another household.
      const paired = year.pairings.length > 0 || records.some((r) => r.kind === 'pairing' && r.status === 'pending');
      return (
        <>
          {year.pairings.length > 0 ? (
            <Way name="visit" label="添加走访记录" primary onClick={() => file('visit')} />
          ) : null}
          {done || paired ? null : (
            <Way name="pairing" label="登记结对困难群众" primary onClick={() => file('pairing')} />
          )}
        </>
      );
    }
  }
}

const Item = ({ entry, index, year }: { entry: YearItem; index: number; year: MemberYearView }) => (
  <View className={`six-ones-item six-ones-item--${entry.item}${entry.done ? ' six-ones-item--done' : ''}`}>
    <View className="six-ones-item__head">
      <Text className="six-ones-item__index">{index + 1}</Text>
      <Text className="six-ones-item__name">{SIX_ONES_LABELS[entry.item]}</Text>
      <Text className={`six-ones-item__state six-ones-item__state--${entry.done ? 'done' : 'todo'}`}>
        {entry.done ? '已完成' : '未完成'}
      </Text>
    </View>
    {entry.item === 'volunteer' ? (
      <View className="six-ones-item__volunteer">
        <Text>
          志愿服务 {durationText(year.volunteerMinutes)} / {durationText(year.volunteerTarget)}
        </Text>
        <View className="six-ones-bar">
          <View
            className="six-ones-bar__fill"
            style={{ width: `${Math.min(100, Math.round((year.volunteerMinutes / year.volunteerTarget) * 100))}%` }}
          />
        </View>
      </View>
    ) : null}
    {entry.records.length > 0 ? (
      <View className="six-ones-item__records">
        {entry.records.map((r) => (
          <RecordItem key={r.id} record={r} onRefile={() => refile(r.id)} />
        ))}
      </View>
    ) : (
      <Text className="six-ones-item__empty">暂无记录</Text>
    )}
    {ways(entry, year)}
  </View>
);

const Year = observer(({ year }: { year: MemberYearView }) => {
  // The contract's order, whatever order the items arrive in.
  const items = SIX_ONES_ITEMS.flatMap((key) => year.items.filter((i) => i.item === key));
  return (
    <View className="six-ones-year">
      <View className="six-ones-year__summary">
        <Text className="six-ones-year__title">{year.year} 年</Text>
        <Text className="six-ones-year__count">
          已完成 <Text className="six-ones-year__done">{year.doneCount}</Text>/6
        </Text>
        <View className="six-ones-bar six-ones-bar--year">
          <View className="six-ones-bar__fill" style={{ width: `${Math.round((year.doneCount / 6) * 100)}%` }} />
        </View>
        {year.pendingCount > 0 ? (
          <Text className="six-ones-year__pending">
            有 {year.pendingCount} 条记录待审核或被驳回，审核通过后才计入。
          </Text>
        ) : null}
        <Text className="six-ones-year__guide" onClick={() => go(ROUTES.sixOnesGuide)}>
          六个一 是什么？
        </Text>
      </View>
      {myYear.year.error ? <ErrorNotice error={myYear.year.error} onRetry={myYear.year.load} /> : null}
      {myYear.year.loading ? <Text className="six-ones-year__refreshing">正在刷新…</Text> : null}
      {items.map((entry, i) => (
        <Item key={entry.item} entry={entry} index={i} year={year} />
      ))}
    </View>
  );
});

/**
 * 我的六个一 (sixOnes.myYear; also what notifications open): this year's six items, done or
 * not (x/6), each with its records — status, kind, reject reason, 修改后重新提交 — the volunteer
 * hours against the target, and the buttons that get each item done.
 */
const SixOnes = observer(() => {
  const { me, error } = session;
  const member = session.isVerifiedMember;
  useDidShow(show);
  useEffect(show, [me?.openid, member]);
  usePullDownRefresh(() => void myYear.year.load().then(() => Taro.stopPullDownRefresh()));

  let body;
  if (!me) body = error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />;
  else if (!member)
    body = (
      <Prompt
        name="six-ones-member"
        title="“六个一”需要先完成党员双报到"
        description="在职党员到社区报到并经社区审核通过后，可以在这里查看和记录每年的“六个一”。"
        action="去报到"
        onAction={() => go(ROUTES.memberReport)}
      />
    );
  else {
    const { year } = myYear;
    if (year.value) body = <Year year={year.value} />;
    else body = year.error ? <ErrorNotice error={year.error} onRetry={year.load} /> : <Loading />;
  }
  return <Screen>{body}</Screen>;
});

export default SixOnes;
