import Taro, { useDidShow, useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { CommunityDetail, DirectoryKind, PropertyCompanySummary, UnitSummary } from '../../../../../contract';
import { PARTY_ORG_KIND_LABELS } from '../../../../../contract/cobuild';
import { ChoicePanel, ChoiceTitle, CommunityChoices } from '../../../../components/staff/DirectoryChoices';
import { ListState } from '../../../../components/staff/ListState';
import { Segmented } from '../../../../components/staff/Segmented';
import { Screen } from '../../../../components/Screen';
import { ROUTES } from '../../../../routes';
import { DIRECTORY_TABS, directoryAdmin, type DirectoryTab } from '../../../../stores/staff/directoryAdmin';
import { KIND_LABELS, UNIT_KIND_LABELS } from '../../../../utils/directoryKinds';
import type { Loadable } from '../../../../stores/loadable';
import { directory } from '../../../../stores/directory';
import './index.scss';

const TAB_LABELS: Record<DirectoryTab, string> = {
  community: '社区',
  grid: '网格',
  unit: '单位',
  department: '部门',
  station: '驿站',
  propertyCompany: '物业',
};
const TABS = DIRECTORY_TABS.map((key) => ({ key, label: TAB_LABELS[key] }));

/** Opens the form of an entry (`id` omitted: a new one). */
function openEntry(kind: DirectoryKind, params: { id?: string; communityId?: string; gridId?: string } = {}) {
  const query = Object.entries({ kind, ...params })
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)
    .join('&');
  void Taro.navigateTo({ url: `${ROUTES.staffDirectoryEntry}?${query}` });
}

const Row = ({
  title,
  detail,
  onClick,
  className,
}: {
  title: string;
  detail?: string;
  onClick: () => void;
  className?: string;
}) => (
  <View className={`staff-directory__row ${className ?? ''}`} onClick={onClick}>
    <View className="staff-directory__row-text">
      <Text className="staff-directory__row-title">{title}</Text>
      {detail ? <Text className="staff-directory__row-detail">{detail}</Text> : null}
    </View>
    <Text className="staff-directory__row-edit">编辑</Text>
  </View>
);

const NewButton = ({ kind, onClick }: { kind: DirectoryKind; onClick: () => void }) => (
  <View className="staff-directory__new">
    <Button className={`staff-directory__new-${kind}`} block onClick={onClick}>
      新建{KIND_LABELS[kind]}
    </Button>
  </View>
);

const Communities = observer(() => (
  <>
    <NewButton kind="community" onClick={() => openEntry('community')} />
    <ListState source={directory.communities} emptyTitle="暂无社区" emptyDescription="点上面的“新建社区”添加">
      {(list) =>
        list.map((c) => (
          <Row key={c.id} title={c.name} detail={c.address} onClick={() => openEntry('community', { id: c.id })} />
        ))
      }
    </ListState>
  </>
));

const Grids = observer(() => {
  const communityId = directoryAdmin.gridCommunityId;
  const detail = communityId ? directory.community(communityId) : null;
  return (
    <>
      <ChoicePanel>
        <ChoiceTitle>选择社区</ChoiceTitle>
        <CommunityChoices selected={communityId} onPick={directoryAdmin.pickGridCommunity} />
      </ChoicePanel>
      {communityId ? (
        <>
          <NewButton kind="grid" onClick={() => openEntry('grid', { communityId })} />
          <ListState
            source={detail ? detailSource(detail) : null}
            emptyTitle="该社区还没有网格"
            emptyDescription="点上面的“新建网格”添加"
          >
            {(grids) =>
              grids.map((g) => (
                <View key={g.id} className="staff-directory__grid">
                  <Row
                    title={g.name}
                    detail={`${g.microGrids.length} 个微网格`}
                    onClick={() => openEntry('grid', { id: g.id, communityId })}
                  />
                  {g.microGrids.map((m) => (
                    <Row
                      key={m.id}
                      className="staff-directory__row--micro"
                      title={m.name}
                      detail="微网格"
                      onClick={() => openEntry('microGrid', { id: m.id, communityId })}
                    />
                  ))}
                  <Text
                    className="staff-directory__add-micro"
                    onClick={() => openEntry('microGrid', { communityId, gridId: g.id })}
                  >
                    ＋ 新建微网格
                  </Text>
                </View>
              ))
            }
          </ListState>
        </>
      ) : (
        <Text className="staff-directory__hint">请选择社区查看其网格</Text>
      )}
    </>
  );
});

/** A community detail's grids, in the shape ListState reads. */
function detailSource(detail: Loadable<CommunityDetail>) {
  return {
    value: detail.value ? detail.value.grids : null,
    loading: detail.loading,
    error: detail.error,
    load: detail.load,
  };
}

/** A unit in one line: its kind, the community it is paired with, its in-service members (在职党员数). */
function unitDetail(u: UnitSummary): string {
  const community = u.pairedCommunityName || (directory.communityName(u.pairedCommunityId) ?? u.pairedCommunityId);
  const members = u.memberCount === null ? '在职党员数未填' : `在职党员 ${u.memberCount} 人`;
  return `${UNIT_KIND_LABELS[u.kind]} · 结对社区：${community} · ${members}`;
}

const Units = observer(() => (
  <>
    <NewButton kind="unit" onClick={() => openEntry('unit')} />
    <ListState source={directory.units} emptyTitle="暂无结对单位" emptyDescription="点上面的“新建结对单位”添加">
      {(list) =>
        list.map((u) => (
          <View key={u.id} className="staff-directory__unit">
            <Row title={u.name} detail={unitDetail(u)} onClick={() => openEntry('unit', { id: u.id })} />
            <Text className="staff-directory__pairing" onClick={() => openEntry('unit', { id: u.id })}>
              更改结对社区
            </Text>
          </View>
        ))
      }
    </ListState>
  </>
));

const Departments = observer(() => (
  <>
    <NewButton kind="department" onClick={() => openEntry('department')} />
    <ListState source={directory.departments} emptyTitle="暂无职能部门" emptyDescription="点上面的“新建职能部门”添加">
      {(list) =>
        list.map((d) => (
          <Row
            key={d.id}
            title={d.name}
            detail={`简称：${d.shortName}`}
            onClick={() => openEntry('department', { id: d.id })}
          />
        ))
      }
    </ListState>
  </>
));

const Stations = observer(() => (
  <>
    <NewButton kind="station" onClick={() => openEntry('station')} />
    <ListState source={directoryAdmin.stations} emptyTitle="暂无红色驿站" emptyDescription="点上面的“新建红色驿站”添加">
      {(list) =>
        list.map((s) => (
          <Row
            key={s.id}
            title={s.name}
            detail={`${s.communityName} · ${s.openingHours}`}
            onClick={() => openEntry('station', { id: s.id })}
          />
        ))
      }
    </ListState>
  </>
));

/**
 * A company in one line (红色物业): its party organisation, 党建指导员 and liaison, the communities
 * and the estates it serves (the first few named).
 */
function companyDetail(p: PropertyCompanySummary): string {
  const communities = p.communityIds.map((id) => directory.communityName(id) ?? id).join('、') || '未指定社区';
  const named = p.estates.slice(0, 3).map((e) => e.name);
  const estates =
    p.estates.length === 0
      ? '暂无服务小区'
      : `服务小区 ${p.estates.length} 个：${named.join('、')}${p.estates.length > named.length ? '等' : ''}`;
  return [
    p.partyOrgKind === 'none' ? '未建党组织' : `红色物业（${PARTY_ORG_KIND_LABELS[p.partyOrgKind]}）`,
    p.instructor ? `党建指导员 ${p.instructor.name}` : null,
    `联络人 ${p.liaison.name}${p.liaison.openid ? '' : '（未关联账号）'}`,
    communities,
    estates,
  ]
    .filter(Boolean)
    .join(' · ');
}

const Companies = observer(() => (
  <>
    <NewButton kind="propertyCompany" onClick={() => openEntry('propertyCompany')} />
    <ListState
      source={directory.propertyCompanies}
      emptyTitle="暂无物业企业"
      emptyDescription="点上面的“新建物业企业”添加"
    >
      {(list) =>
        list.map((p) => (
          <Row
            key={p.id}
            title={p.name}
            detail={companyDetail(p)}
            onClick={() => openEntry('propertyCompany', { id: p.id })}
          />
        ))
      }
    </ListState>
  </>
));

const PANELS: Record<DirectoryTab, () => JSX.Element> = {
  community: () => <Communities />,
  grid: () => <Grids />,
  unit: () => <Units />,
  department: () => <Departments />,
  station: () => <Stations />,
  propertyCompany: () => <Companies />,
};

/** 目录管理 (county admin): the county's communities, grids, units, departments, stations and property companies. */
const DirectoryAdmin = observer(() => {
  useLoad(() => directoryAdmin.open());
  // Back from a form: lists changed by the save are read again.
  useDidShow(() => directoryAdmin.show(directoryAdmin.tab));
  return (
    <Screen>
      <Segmented options={TABS} value={directoryAdmin.tab} onChange={directoryAdmin.show} />
      <View className="staff-directory">{PANELS[directoryAdmin.tab]()}</View>
    </Screen>
  );
});

export default DirectoryAdmin;
