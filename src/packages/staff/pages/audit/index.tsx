import { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import type { AuditEntry } from '../../../../../contract';
import { AUDIT_KIND_LABELS, AUDIT_KINDS, type AuditKind } from '../../../../../contract/audit';
import { Choices } from '../../../../components/staff/Choices';
import { ListState } from '../../../../components/staff/ListState';
import { LoadMore } from '../../../../components/staff/LoadMore';
import { UserSearchPanel } from '../../../../components/staff/UserSearchPanel';
import { Screen } from '../../../../components/Screen';
import { auditLog } from '../../../../stores/staff/audit';
import { directory } from '../../../../stores/directory';
import { describeAudit, describeSummary } from '../../lib/auditText';
import { formatTime } from '../../lib/format';
import './index.scss';

const KIND_OPTIONS = [
  { value: 'all', label: '全部' },
  ...AUDIT_KINDS.map((k) => ({ value: k, label: AUDIT_KIND_LABELS[k] })),
];

/** One entry: 谢春梅 审核通过心愿「给独居老人修水龙头」 · 今天 10:21 — the name filters by that person. */
const Entry = observer(({ entry }: { entry: AuditEntry }) => {
  const { headline, changes } = describeAudit(entry);
  const summary = describeSummary(entry);
  const name = entry.byName || '（未留姓名）';
  return (
    <View className={`staff-audit__entry staff-audit__entry--${entry.kind}`} id={`audit-${entry.id}`}>
      <View className="staff-audit__line">
        <Text
          className="staff-audit__by"
          onClick={() => auditLog.filterBy({ openid: entry.by, name: entry.byName || entry.by })}
        >
          {name}
        </Text>
        <Text className="staff-audit__headline"> {headline}</Text>
        <Text className="staff-audit__when"> · {formatTime(entry.at)}</Text>
      </View>
      {summary ? <Text className="staff-audit__summary">{summary}</Text> : null}
      {entry.targets.length > 1 ? (
        <Text className="staff-audit__targets">{entry.targets.map((t) => t.label).join('；')}</Text>
      ) : null}
      {changes.map((c) => (
        <View key={c.label} className="staff-audit__change">
          <Text className="staff-audit__field">{c.label}：</Text>
          {c.before !== null ? (
            <>
              <Text className="staff-audit__before">{c.before}</Text>
              <Text className="staff-audit__arrow"> → </Text>
            </>
          ) : null}
          <Text className="staff-audit__after">{c.after}</Text>
        </View>
      ))}
      {(entry.kind === 'directory' || entry.kind === 'role') && changes.length === 0 ? (
        <Text className="staff-audit__change">（内容未变）</Text>
      ) : null}
    </View>
  );
});

/** By kind (chips) and by person (found by name or phone, or tapped in an entry). */
const Filters = observer(() => {
  const { kind, person, searching } = auditLog;
  return (
    <View className="staff-audit__filters">
      <Choices
        name="audit-kind"
        options={KIND_OPTIONS}
        selected={kind ?? 'all'}
        onPick={(v) => auditLog.setKind(v === 'all' ? null : (v as AuditKind))}
      />
      <View className="staff-audit__person">
        {person ? (
          <>
            <Text className="staff-audit__person-name">只看：{person.name}</Text>
            <Button className="staff-audit__person-clear" size="small" onClick={() => auditLog.filterBy(null)}>
              看全部人员
            </Button>
          </>
        ) : (
          <Button className="staff-audit__person-find" size="small" onClick={auditLog.toggleSearch}>
            {searching ? '收起' : '按人员筛选'}
          </Button>
        )}
      </View>
      {searching ? (
        <UserSearchPanel
          search={auditLog.people}
          placeholder="工作人员姓名或手机号"
          emptyTitle="没有找到此人"
          emptyDescription="请核对姓名或输入完整手机号；也可以点记录中的姓名，只看此人的操作"
          action={(user) => (
            <Button
              className="staff-audit__pick"
              type="primary"
              size="small"
              onClick={() => auditLog.filterBy({ openid: user.openid, name: user.name })}
            >
              只看此人
            </Button>
          )}
        />
      ) : null}
    </View>
  );
});

/**
 * 操作记录 (county admin: everything; secretary: their community): who did what, when — wish
 * reviews, case steps, 六个一 and report reviews, activities, roles and the directory — newest
 * first, by kind and by person.
 */
const AuditLog = observer(() => {
  useLoad(() => {
    auditLog.open();
    // Ids in directory and role changes are shown as names.
    directory.communities.ensure();
    directory.units.ensure();
    directory.departments.ensure();
  });
  const filtered = auditLog.kind !== null || auditLog.person !== null;
  return (
    <Screen>
      <View className="staff-audit">
        <Filters />
        <ListState
          source={auditLog.list}
          emptyTitle={filtered ? '没有符合条件的操作记录' : '暂无操作记录'}
          emptyDescription={
            filtered
              ? '换一个类别，或点“看全部人员”清除人员筛选'
              : '工作人员审核心愿、办理诉求、审核六个一和报到、发布活动、授予角色或修改目录后，这里会记下谁在何时做了什么'
          }
        >
          {(entries) => (
            <>
              {entries.map((e) => (
                <Entry key={e.id} entry={e} />
              ))}
              <LoadMore list={auditLog.list} name="audit" />
            </>
          )}
        </ListState>
      </View>
    </Screen>
  );
});

export default AuditLog;
