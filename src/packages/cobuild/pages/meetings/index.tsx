import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useRef, useState } from 'react';
import type { MeetingSummary } from '../../../../../contract';
import { MEETING_STATUS_LABELS } from '../../../../../contract/cobuild';
import { Screen } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import {
  meetingList as store,
  QUARTER_NAMES,
  QUARTER_TAB_LABELS,
  QUARTER_TABS,
} from '../../../../stores/cobuild/meetings';
import { formatTime } from '../../../../utils/date';
import { countyOnly, isSecretary, scopeParams, whenSignedIn } from '../../lib/scope';
import './index.scss';

const TABS = QUARTER_TABS.map((key) => ({ key, label: QUARTER_TAB_LABELS[key] }));
const go = (url: string) => void Taro.navigateTo({ url });

/** One meeting: status in words, when and where, subject, topics and decisions, the topic window. */
function MeetingCard({ m, county }: { m: MeetingSummary; county: boolean }) {
  return (
    <View
      className={`cobuild-meetings__card cobuild-meetings__card--${m.status}`}
      id={`meeting-${m.id}`}
      onClick={() => go(`${ROUTES.cobuildMeeting}?id=${encodeURIComponent(m.id)}`)}
    >
      <View className="cobuild-meetings__head">
        <Text className="cobuild-meetings__quarter">
          {m.year}年{QUARTER_NAMES[m.quarter]}
        </Text>
        <Text className={`cobuild-meetings__status cobuild-meetings__status--${m.status}`}>
          {m.status === 'held' ? '✓ ' : ''}
          {MEETING_STATUS_LABELS[m.status]}
        </Text>
      </View>
      <Text className="cobuild-meetings__title">{m.subject || '联席会议'}</Text>
      {county ? <Text className="cobuild-meetings__line">社区：{m.communityName}</Text> : null}
      <Text className="cobuild-meetings__line">时间：{formatTime(m.startAt)}</Text>
      <Text className="cobuild-meetings__line">地点：{m.place}</Text>
      <Text className="cobuild-meetings__line">
        议题 {m.topicCount} 项{m.status === 'held' ? ` · 议定事项 ${m.decisionCount} 项` : ''}
      </Text>
      {m.topicsOpen ? (
        <Text className="cobuild-meetings__open">正在征集议题，截至 {formatTime(m.topicsBy)}</Text>
      ) : null}
      <Text className="cobuild-meetings__more">查看详情 ›</Text>
    </View>
  );
}

/**
 * 联席会议: the community's joint meetings by year and quarter, latest first, each with its status;
 * the secretary calls one (召集联席会议); 议定事项 opens the decisions. The county admin sees every
 * community's (`?communityId=` narrows to one).
 */
const MeetingsPage = observer(() => {
  const [secretary, setSecretary] = useState(false);
  const [county, setCounty] = useState(false);
  const opened = useRef(false);
  useLoad((params: Record<string, string | undefined>) => {
    store.open(scopeParams(params).communityId);
    opened.current = true;
    void whenSignedIn().then(() => {
      setSecretary(isSecretary());
      setCounty(countyOnly());
    });
  });
  // Back from calling, recording or cancelling a meeting: the list as it is now.
  useDidShow(() => {
    if (opened.current && store.list.value) store.refresh();
  });
  const { list } = store;
  return (
    <Screen>
      <View className="cobuild-meetings__top">
        <Text className="cobuild-meetings__intro">
          每季度至少召开一次联席会议：会前征集议题，会上形成议定事项，下次会议通报进展。
        </Text>
        {secretary ? (
          <Button
            className="cobuild-meetings__call"
            type="primary"
            size="large"
            block
            onClick={() => go(ROUTES.cobuildMeetingCall)}
          >
            召集联席会议
          </Button>
        ) : null}
        <Button className="cobuild-meetings__decisions" block onClick={() => go(ROUTES.cobuildDecisions)}>
          议定事项
        </Button>
      </View>
      <Segmented
        options={store.years.map((y) => ({ key: String(y), label: `${y}年` }))}
        value={String(store.year)}
        onChange={(y) => store.showYear(Number(y))}
      />
      <Segmented options={TABS} value={store.tab} onChange={store.show} />
      <View className="cobuild-meetings">
        <ListState
          source={list}
          emptyTitle={
            store.tab === 'all'
              ? `${store.year}年还没有联席会议`
              : `${store.year}年${QUARTER_TAB_LABELS[store.tab]}还没有联席会议`
          }
          emptyDescription={secretary ? '点击“召集联席会议”，各共建单位会收到通知' : '社区书记召集会议后会列在这里'}
        >
          {(items) => items.map((m) => <MeetingCard key={m.id} m={m} county={county} />)}
        </ListState>
        <LoadMore list={list} name="meetings" />
      </View>
    </Screen>
  );
});

export default MeetingsPage;
