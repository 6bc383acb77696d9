import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { PropertyCompanySummary } from '../../../../../contract';
import { PARTY_ORG_KIND_LABELS, PROPERTY_RATING_LABELS, PROPERTY_RATINGS } from '../../../../../contract/cobuild';
import type { PropertyCompanyStats } from '../../../../../contract/functions/cobuild/property';
import { directory } from '../../../../stores/directory';
import { percent } from '../../../../stores/cobuild/property';
import './index.scss';

/** The estates a company serves, by community: 潋江社区 1栋、2栋；… */
function estatesByCommunity(company: PropertyCompanySummary): string[] {
  const by = new Map<string, string[]>();
  for (const e of company.estates) by.set(e.communityId, [...(by.get(e.communityId) ?? []), e.name]);
  return [...by].map(([id, names]) => `${directory.communityName(id) ?? '…'}：${names.join('、')}`);
}

/** A company's 红色物业 data: party organisation, 党建指导员, liaison, the estates it serves. */
export const CompanyFacts = observer(({ company }: { company: PropertyCompanySummary }) => {
  const estates = estatesByCommunity(company);
  return (
    <View className="cobuild-property__facts">
      <Text className="cobuild-property__line">
        党组织：{PARTY_ORG_KIND_LABELS[company.partyOrgKind]}
        {company.partyOrgKind !== 'none' && company.partyOrgName ? `（${company.partyOrgName}）` : ''}
      </Text>
      <Text className="cobuild-property__line">
        党建指导员：
        {company.instructor ? (
          <Text className="txy-nowrap">
            {company.instructor.name} {company.instructor.phone}
          </Text>
        ) : (
          '暂未派驻'
        )}
      </Text>
      <Text className="cobuild-property__line">
        物业联络员：
        <Text className="txy-nowrap">
          {company.liaison.name} {company.liaison.phone}
        </Text>
        {company.liaison.openid ? '' : '（未绑定账号）'}
      </Text>
      <Text className="cobuild-property__line">服务小区 {company.estates.length} 个</Text>
      {estates.length === 0 ? (
        <Text className="cobuild-property__estate">暂未登记服务的小区</Text>
      ) : (
        estates.map((line) => (
          <Text key={line} className="cobuild-property__estate">
            {line}
          </Text>
        ))
      )}
    </View>
  );
});

/** A company's ratings in a quarter: 满意 / 基本满意 / 不满意 counted, and the satisfaction rate. */
export function RatingCounts({ stats }: { stats: PropertyCompanyStats }) {
  const rate = percent(stats.satisfactionRate);
  return (
    <View className="cobuild-property__ratings">
      <View className="cobuild-property__counts">
        {PROPERTY_RATINGS.map((r) => (
          <View key={r} className={`cobuild-property__count cobuild-property__count--${r}`}>
            <Text className="cobuild-property__count-n">{stats.counts[r]}</Text>
            <Text className="cobuild-property__count-label">{PROPERTY_RATING_LABELS[r]}</Text>
          </View>
        ))}
      </View>
      <Text className="cobuild-property__rate">
        {rate ? `满意率 ${rate}（共 ${stats.total} 人评价）` : '本季度暂无居民评价'}
      </Text>
    </View>
  );
}
