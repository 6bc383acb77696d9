import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { PARTY_ORG_KIND_LABELS } from '../../../../../contract/cobuild';
import { Screen } from '../../../../components/Screen';
import { ListState } from '../../../../components/staff/ListState';
import { Segmented } from '../../../../components/staff/Segmented';
import {
  KIND_FILTERS,
  percent,
  propertyStats as store,
  quarterName,
  type KindFilter,
  type PropertyRow,
} from '../../../../stores/cobuild/property';
import { QuarterStepper } from '../../../../components/QuarterStepper';
import { CompanyFacts, RatingCounts } from '../../components/Property';
import '../../components/Property/index.scss';

const KIND_TABS = KIND_FILTERS.map((key) => ({
  key,
  label: key === 'all' ? '全部' : PARTY_ORG_KIND_LABELS[key],
}));

/** One company: its party organisation, 党建指导员, liaison and estates, and the quarter's ratings. */
const CompanyCard = observer(({ row }: { row: PropertyRow }) => {
  const { stats, company } = row;
  return (
    <View className="cobuild-property__card" id={`company-${stats.id}`}>
      <View className="cobuild-property__head">
        <Text className="cobuild-property__name">{stats.name}</Text>
        <Text className={`cobuild-property__kind cobuild-property__kind--${stats.partyOrgKind}`}>
          {stats.partyOrgKind === 'none' ? '未组建党组织' : `红色物业 · ${PARTY_ORG_KIND_LABELS[stats.partyOrgKind]}`}
        </Text>
      </View>
      {company ? <CompanyFacts company={company} /> : null}
      <RatingCounts stats={stats} />
    </View>
  );
});

/**
 * 红色物业 (county admin): every property company with its party organisation (单独组建 / 联合组建 /
 * 未组建), 党建指导员, liaison and estates, and its residents' ratings of a quarter — 满意, 基本满意,
 * 不满意 and the satisfaction rate; filtered by kind, a quarter at a time (the current first).
 */
const PropertyPage = observer(() => {
  useLoad(() => store.open());
  const totals = store.totals;
  const kindWords = store.kind === 'all' ? '' : `${PARTY_ORG_KIND_LABELS[store.kind]}的`;
  return (
    <Screen>
      <View className="cobuild-property__intro">
        <Text>
          各物业企业的党组织组建、党建指导员、服务小区，和小区居民每季度对物业服务的评价（满意率 =
          满意与基本满意占全部评价的比例）。
        </Text>
      </View>
      <Segmented<KindFilter> options={KIND_TABS} value={store.kind} onChange={store.showKind} />
      <QuarterStepper
        label={store.shown ? quarterName(store.shown) : null}
        atCurrent={store.atCurrent}
        onPrev={store.showPrev}
        onNext={store.showNext}
      />
      <View className="cobuild-property">
        {totals && totals.companies > 0 && store.shown ? (
          <Text className="cobuild-property__summary">
            {quarterName(store.shown)}：{kindWords}物业企业 {totals.companies} 家，居民评价 {totals.ratings} 条
            {totals.rate === null ? '' : `，总体满意率 ${percent(totals.rate)}`}
          </Text>
        ) : null}
        <ListState
          source={{
            value: store.rows,
            loading: store.stats.loading,
            error: store.stats.error,
            load: store.stats.load,
          }}
          emptyTitle={store.kind === 'all' ? '还没有物业企业' : `没有${PARTY_ORG_KIND_LABELS[store.kind]}的物业企业`}
          emptyDescription="在“目录管理 → 物业”中登记物业企业、党组织和服务的小区"
        >
          {(rows) => rows.map((row) => <CompanyCard key={row.stats.id} row={row} />)}
        </ListState>
      </View>
    </Screen>
  );
});

export default PropertyPage;
