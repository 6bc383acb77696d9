import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { observer } from 'mobx-react-lite';
import type { ProjectSummary } from '../../../../../contract';
import { PROJECT_STATUS_LABELS } from '../../../../../contract/cobuild';
import { Segmented } from '../../../../components/staff/Segmented';
import { ROUTES } from '../../../../routes';
import { PROJECT_TAB_STATUS, PROJECT_TABS, projectList as store } from '../../../../stores/cobuild/projects';
import { cobuildSide } from '../../../../stores/cobuild/side';
import { formatDay } from '../../../../utils/date';
import { ListPage, useListScope } from '../../lib/ListPage';
import '../../lib/cobuild.scss';

const TABS = PROJECT_TABS.map((key) => ({
  key,
  label: key === 'all' ? '全部' : PROJECT_STATUS_LABELS[PROJECT_TAB_STATUS[key]],
}));
const go = (url: string) => void Taro.navigateTo({ url });

function ProjectCard({ project: p }: { project: ProjectSummary }) {
  const { milestones: m } = p;
  return (
    <View
      className="cobuild__card"
      id={`project-${p.id}`}
      onClick={() => go(`${ROUTES.cobuildProject}?id=${encodeURIComponent(p.id)}`)}
    >
      <View className="cobuild__head">
        <Text className={`cobuild__status cobuild__status--${p.status}`}>{PROJECT_STATUS_LABELS[p.status]}</Text>
        <Text className="cobuild__muted">{p.communityName}</Text>
      </View>
      <Text className="cobuild__title">{p.title}</Text>
      <Text className="cobuild__line">共建单位：{p.units.map((u) => u.name).join('、')}</Text>
      <Text className="cobuild__line">
        需求 {p.needCount} 项 · 资源 {p.resourceCount} 项 · 节点 {m.done}/{m.total}
        {m.nextDueAt && p.status === 'active' ? ` · 下个节点 ${formatDay(m.nextDueAt)}` : ''}
      </Text>
      {p.status === 'done' && p.rating.count > 0 ? (
        <Text className="cobuild__line">
          居民评价：{p.rating.average?.toFixed(1)} 星（{p.rating.count} 人）
        </Text>
      ) : null}
      <Text className="cobuild__link">查看详情 ›</Text>
    </View>
  );
}

/** 共建项目清单 of the year by status; the secretary or a paired unit's admin starts a new one. */
const Projects = observer(() => {
  const picks = useListScope(store, '共建项目', store.refresh);
  // The county admin's view of a community is read-only.
  const canCreate = (cobuildSide.secretary !== null || cobuildSide.unitAdmin !== null) && store.communityId === null;
  return (
    <ListPage
      store={store}
      picks={picks}
      what="共建项目"
      add={canCreate ? { label: '新建共建项目', route: ROUTES.cobuildProjectEdit } : null}
      tabs={<Segmented options={TABS} value={store.tab} onChange={store.show} />}
      list={store.list}
      empty={{ title: '暂无共建项目', description: '把社区的需求和单位的资源对接起来，就是一个共建项目' }}
      more={{ list: store.list, name: 'projects' }}
    >
      {(items) => items.map((p) => <ProjectCard key={p.id} project={p} />)}
    </ListPage>
  );
});

export default Projects;
