import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import { useState } from 'react';
import { PARTY_ORG_KIND_LABELS } from '../../../../../contract/cobuild';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Screen, usePageTitle } from '../../../../components/Screen';
import { Segmented } from '../../../../components/staff/Segmented';
import { propertyStats as store, quarterName } from '../../../../stores/cobuild/property';
import { directory } from '../../../../stores/directory';
import { QuarterStepper } from '../../../../components/QuarterStepper';
import { CompanyFacts, RatingCounts } from '../../components/Property';
import '../../components/Property/index.scss';

type Tab = 'ratings' | 'company';
const TABS: ReadonlyArray<{ key: Tab; label: string }> = [
  { key: 'ratings', label: '服务评价' },
  { key: 'company', label: '企业信息' },
];
const TITLES: Record<Tab, string> = { ratings: '本公司服务评价', company: '本企业信息' };

/** The quarter's ratings of the liaison's company: counts, satisfaction rate, a quarter at a time. */
const Ratings = observer(() => {
  const stats = store.stats.value?.companies[0] ?? null;
  return (
    <>
      <QuarterStepper
        label={store.shown ? quarterName(store.shown) : null}
        atCurrent={store.atCurrent}
        onPrev={store.showPrev}
        onNext={store.showNext}
      />
      <View className="cobuild-property">
        {store.stats.error ? (
          <ErrorNotice error={store.stats.error} onRetry={() => void store.stats.load()} />
        ) : !store.stats.value ? (
          <Text className="cobuild-property__summary">加载中…</Text>
        ) : stats ? (
          <View className="cobuild-property__card" id={`company-${stats.id}`}>
            <Text className="cobuild-property__name">{stats.name}</Text>
            <RatingCounts stats={stats} />
          </View>
        ) : null}
        <Text className="cobuild-property__summary">
          所服务小区的居民每季度可评价一次物业服务：满意、基本满意或不满意。满意率 = 满意与基本满意占全部评价的比例。
        </Text>
      </View>
    </>
  );
});

/** The liaison's company as the directory records it: party organisation, 党建指导员, estates. */
const Company = observer(() => {
  const { propertyCompanies } = directory;
  const company = propertyCompanies.value?.[0] ?? null;
  return (
    <View className="cobuild-property">
      {propertyCompanies.error ? (
        <ErrorNotice error={propertyCompanies.error} onRetry={() => void propertyCompanies.load()} />
      ) : !propertyCompanies.value ? (
        <Text className="cobuild-property__summary">加载中…</Text>
      ) : company ? (
        <View className="cobuild-property__card" id={`company-${company.id}`}>
          <View className="cobuild-property__head">
            <Text className="cobuild-property__name">{company.name}</Text>
            <Text className={`cobuild-property__kind cobuild-property__kind--${company.partyOrgKind}`}>
              {company.partyOrgKind === 'none'
                ? '未组建党组织'
                : `红色物业 · ${PARTY_ORG_KIND_LABELS[company.partyOrgKind]}`}
            </Text>
          </View>
          <CompanyFacts company={company} />
        </View>
      ) : (
        <Text className="cobuild-property__summary">暂无本企业的信息，请联系社区党工委。</Text>
      )}
      <Text className="cobuild-property__summary">
        企业信息由社区党工委在目录中登记，如有变化请联系社区党工委修改。
      </Text>
    </View>
  );
});

/**
 * 本公司服务评价 / 本企业信息 (物业联络员): the residents' quarterly ratings of the company's
 * service, and the company as the county records it (党组织, 党建指导员, 服务小区). `?tab=company`
 * opens the company.
 */
const PropertyCompanyPage = observer(() => {
  const [tab, setTab] = useState<Tab>('ratings');
  useLoad((params: Record<string, string | undefined>) => {
    if (params.tab === 'company') setTab('company');
    store.open();
  });
  usePageTitle(TITLES[tab]);
  return (
    <Screen>
      <Segmented<Tab> options={TABS} value={tab} onChange={setTab} />
      {tab === 'ratings' ? <Ratings /> : <Company />}
    </Screen>
  );
});

export default PropertyCompanyPage;
