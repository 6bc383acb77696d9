import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { ProgressRow } from '../../../../../contract';
import { SIX_ONES_ITEMS, SIX_ONES_SHORT, VOLUNTEER_DAY_MINUTES } from '../../../../../contract/sixOnes';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Prompt } from '../../../../components/Prompt';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { Segmented } from '../../../../components/staff/Segmented';
import { TallySummary } from '../../../../components/staff/TallySummary';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { sixOnesTally as store, tallyYears } from '../../../../stores/staff/sixOnesTally';
import './index.scss';

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** A member's year: x/6, what is still missing, volunteer hours. */
function MemberRow({ row, scope }: { row: ProgressRow; scope: 'community' | 'unit' }) {
  const complete = row.missing.length === 0;
  return (
    <View
      id={`progress-${row.openid}`}
      className={`staff-tally-page__member${complete ? ' staff-tally-page__member--complete' : ''}`}
    >
      <View className="staff-tally-page__member-head">
        <Text className="staff-tally-page__member-name">{row.name}</Text>
        <Text className="staff-tally-page__member-count">{row.doneCount}/6</Text>
      </View>
      <Text className="staff-tally-page__member-where">{scope === 'community' ? row.unitName : row.communityName}</Text>
      <View className="staff-tally-page__chips">
        {SIX_ONES_ITEMS.map((item) => (
          <Text key={item} className={`staff-tally-page__chip${row.done[item] ? ' staff-tally-page__chip--done' : ''}`}>
            {SIX_ONES_SHORT[item]}
          </Text>
        ))}
      </View>
      <Text className="staff-tally-page__member-missing">
        {complete ? '六个一已全部完成' : `未完成：${row.missing.map((i) => SIX_ONES_SHORT[i]).join('、')}`}
      </Text>
      <Text className="staff-tally-page__member-hours">
        志愿服务 {hours(row.volunteerMinutes)} / {hours(VOLUNTEER_DAY_MINUTES)} 小时
      </Text>
    </View>
  );
}

const Summary = observer(() => {
  const { tally } = store;
  if (tally.error) return <ErrorNotice error={tally.error} onRetry={tally.load} />;
  if (!tally.value) return <Loading />;
  return <TallySummary tally={tally.value} />;
});

/**
 * 六个一统计 (`?scope=community|unit&scopeId=`; the caller's own when omitted): a community's or a
 * unit's members reported, all six done, each item, volunteer hours; then every member by name
 * with what they still miss.
 */
const SixOnesTally = observer(() => {
  useLoad((params: Record<string, string | undefined>) => store.enter(params.scope, params.scopeId));
  const years = tallyYears().map((y) => ({ key: String(y), label: `${y} 年` }));

  if (store.noScope) {
    return (
      <Screen>
        <Prompt
          name="tally-scope"
          title="请选择社区或单位"
          description="在六个一总览中点选一个社区或单位查看其统计"
          action="打开六个一总览"
          onAction={() => void Taro.redirectTo({ url: ROUTES.staffSixOnesOverview })}
        />
      </Screen>
    );
  }
  if (!store.scope) {
    return (
      <Screen>
        <Loading />
      </Screen>
    );
  }
  const scope = store.scope;
  return (
    <Screen>
      <View className="staff-tally-page__head">
        <Text className="staff-tally-page__scope">{store.scopeName}</Text>
        <Text className="staff-tally-page__kind">{scope === 'community' ? '社区' : '结对单位'} · 六个一完成情况</Text>
      </View>
      <Segmented options={years} value={String(store.year)} onChange={(y) => store.setYear(Number(y))} />
      <Cell
        className="staff-tally-page__chart"
        title="查看图表"
        description="党员完成项数分布：柱状图和表格"
        clickable
        extra="查看"
        onClick={() =>
          void Taro.navigateTo({
            url: `${ROUTES.supervisionSixOnesChart}?scope=${scope}&scopeId=${encodeURIComponent(store.scopeId!)}&year=${store.year}`,
          })
        }
      />
      <View className="staff-tally-page">
        <Summary />
        <Text className="staff-tally-page__heading">党员完成情况（按姓名）</Text>
        <ListState
          source={store.progress}
          emptyTitle="暂无已报到党员"
          emptyDescription={
            scope === 'community'
              ? '党员到本社区报到并经审核通过后列在这里'
              : '本单位党员到社区报到并经审核通过后列在这里'
          }
        >
          {(rows) => rows.map((row) => <MemberRow key={row.openid} row={row} scope={scope} />)}
        </ListState>
        <LoadMore list={store.progress} name="progress" />
      </View>
    </Screen>
  );
});

export default SixOnesTally;
