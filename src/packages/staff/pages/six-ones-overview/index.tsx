import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Loading } from '../../../../components/Loading';
import { Segmented } from '../../../../components/staff/Segmented';
import { TallySummary } from '../../../../components/staff/TallySummary';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { percent } from '../../../../utils/percent';
import {
  OVERVIEW_TAB_LABELS,
  OVERVIEW_TABS,
  sixOnesOverview as store,
  type OverviewRow,
} from '../../../../stores/staff/sixOnesOverview';
import { tallyYears } from '../../../../stores/staff/sixOnesTally';
import './index.scss';

const TABS = OVERVIEW_TABS.map((key) => ({ key, label: OVERVIEW_TAB_LABELS[key] }));

const openTally = (row: OverviewRow) =>
  void Taro.navigateTo({
    url: `${ROUTES.staffSixOnesTally}?scope=${row.tally.scope}&scopeId=${encodeURIComponent(row.id)}`,
  });

/** A community or unit: reported, complete and its share, volunteer hours; a tap opens its tally. */
function ScopeRow({ row }: { row: OverviewRow }) {
  const { reported, complete, volunteerHours } = row.tally;
  return (
    <View className="staff-overview__row" id={`overview-${row.tally.scope}-${row.id}`} onClick={() => openTally(row)}>
      <View className="staff-overview__row-text">
        <Text className="staff-overview__name">{row.name}</Text>
        <Text className="staff-overview__numbers">
          报到 {reported} 人 · 完成 {complete} 人（{percent(complete, reported)}%）· 志愿 {volunteerHours} 小时
        </Text>
      </View>
      <Text className="staff-overview__arrow">›</Text>
    </View>
  );
}

const Rows = observer(() => {
  const rows = store.rows;
  if (!rows) return null;
  if (rows.length === 0) return <Text className="staff-overview__none">暂无数据</Text>;
  return (
    <View className="staff-overview__list">
      {rows.map((row) => (
        <ScopeRow key={row.id} row={row} />
      ))}
    </View>
  );
});

/** 六个一总览 (county admin): the county's totals for a year, then each community and unit. */
const SixOnesOverview = observer(() => {
  useLoad(() => store.open());
  const { overview } = store;
  const years = tallyYears().map((y) => ({ key: String(y), label: `${y} 年` }));
  return (
    <Screen>
      <Segmented options={years} value={String(store.year)} onChange={(y) => store.setYear(Number(y))} />
      <Cell
        className="staff-overview__chart"
        title="查看图表"
        description="完成项数分布，各社区、各单位对比"
        clickable
        extra="查看"
        onClick={() =>
          void Taro.navigateTo({ url: `${ROUTES.supervisionSixOnesChart}?scope=county&year=${store.year}` })
        }
      />
      <View className="staff-overview">
        <Text className="staff-overview__heading">全县</Text>
        {overview.error ? <ErrorNotice error={overview.error} onRetry={overview.load} /> : null}
        {!overview.error && !overview.value ? <Loading /> : null}
        {overview.value ? <TallySummary tally={overview.value.county} /> : null}
      </View>
      <Segmented options={TABS} value={store.tab} onChange={store.show} />
      <View className="staff-overview">
        <Rows />
      </View>
    </Screen>
  );
});

export default SixOnesOverview;
