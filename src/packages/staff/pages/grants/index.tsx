import Taro, { useLoad } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect } from 'react';
import type { RoleHolder } from '../../../../../contract';
import { ROLE_LABELS } from '../../../../../contract/roles';
import { Choices } from '../../../../components/staff/Choices';
import { ConfirmDialog } from '../../../../components/ConfirmDialog';
import { CommunityChoices, PairedUnitChoices } from '../../../../components/staff/DirectoryChoices';
import { Field } from '../../../../components/Field';
import { ListState } from '../../../../components/staff/ListState';
import { Segmented } from '../../../../components/staff/Segmented';
import { UserSearchPanel } from '../../../../components/staff/UserSearchPanel';
import { Loading } from '../../../../components/Loading';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Screen } from '../../../../components/Screen';
import { isRevocable, roleGrants, scopeIdOf, type GrantableRole } from '../../../../stores/staff/grants';
import { directory } from '../../../../stores/directory';
import { session } from '../../../../stores/session';
import { describeGrant, describeScope, loadNamesFor } from '../../lib/scope';
import './index.scss';

const CommunityChoice = observer(() => (
  <Field name="community" label="社区">
    <CommunityChoices selected={roleGrants.communityId} onPick={roleGrants.setCommunity} />
  </Field>
));

const GridChoice = observer(() => {
  const { communityId } = roleGrants;
  // A secretary's own community is chosen from the start: its grids are read here.
  useEffect(() => {
    if (communityId) directory.community(communityId).ensure();
  }, [communityId]);
  if (!communityId) return null;
  const detail = directory.community(communityId);
  return (
    <Field name="grids" label="网格（可多选）">
      {detail.error ? <Text className="staff-grants__error">{detail.error.message}</Text> : null}
      {!detail.value && !detail.error ? <Text className="staff-grants__muted">加载中…</Text> : null}
      {detail.value ? (
        <Choices
          name="grid"
          options={detail.value.grids.map((g) => ({ value: g.id, label: g.name }))}
          selected={roleGrants.gridIds}
          onPick={roleGrants.toggleGrid}
        />
      ) : null}
    </Field>
  );
});

const DepartmentChoice = observer(() => (
  <Field name="department" label="部门">
    <ListState
      source={directory.departments}
      emptyTitle="暂无部门"
      emptyDescription="在“目录管理”中新建职能部门后可在这里选择"
    >
      {(list) => (
        <Choices
          name="department"
          options={list.map((d) => ({ value: d.id, label: d.name }))}
          selected={roleGrants.departmentId}
          onPick={roleGrants.setDepartment}
        />
      )}
    </ListState>
  </Field>
));

const UnitChoice = observer(() => {
  const { communityId } = roleGrants;
  if (!communityId) return null;
  return (
    <Field name="unit" label="结对单位">
      <PairedUnitChoices communityId={communityId} selected={roleGrants.unitId} onPick={roleGrants.setUnit} />
    </Field>
  );
});

/** The grant being put together: the role, then its scope. */
const GrantForm = observer(() => {
  const { role } = roleGrants;
  return (
    <View className="staff-grants__form">
      <Text className="staff-grants__section">授予新角色</Text>
      <Field name="role" label="角色">
        <Choices
          name="role"
          options={roleGrants.grantableRoles.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          selected={role}
          onPick={(r) => roleGrants.setRole(r as GrantableRole)}
        />
      </Field>
      {(role === 'secretary' || role === 'gridWorker' || role === 'unitAdmin') && !roleGrants.ownCommunityId ? (
        <CommunityChoice />
      ) : null}
      {role === 'gridWorker' ? <GridChoice /> : null}
      {role === 'unitAdmin' ? <UnitChoice /> : null}
      {role === 'department' ? <DepartmentChoice /> : null}
      {role === 'countyAdmin' ? (
        <Text className="staff-grants__muted">党工委可查看全部社区、管理目录和授予角色，请谨慎授予。</Text>
      ) : null}
      {roleGrants.draftError ? <Text className="staff-grants__error">{roleGrants.draftError}</Text> : null}
      <View className="staff-grants__submit">
        <Button className="staff-grants__grant" type="primary" block onClick={roleGrants.askGrant}>
          授予角色
        </Button>
      </View>
    </View>
  );
});

/** The chosen person: their roles (staff roles revocable) and the grant form. */
const Selected = observer(() => {
  const user = roleGrants.selected;
  if (!user) return null;
  return (
    <View className="staff-grants__selected">
      <View className="staff-grants__who">
        <Text className="staff-grants__name">{user.name}</Text>
        <Text className="staff-grants__muted">{user.phone || '未留手机号'}</Text>
        <Text className="staff-grants__change" onClick={() => roleGrants.select(null)}>
          重新选择
        </Text>
      </View>
      <Text className="staff-grants__section">现有角色</Text>
      <View className="staff-grants__roles">
        <Text className="staff-grants__role">{ROLE_LABELS.resident}</Text>
        {user.roles
          .filter((g) => g.role !== 'resident')
          .map((grant, i) => (
            <View key={`${grant.role}-${i}`} className="staff-grants__role-row">
              <Text className="staff-grants__role">{describeGrant(grant)}</Text>
              {isRevocable(grant) ? (
                <Button
                  className={`staff-grants__revoke staff-grants__revoke--${grant.role}`}
                  size="small"
                  onClick={() => roleGrants.askRevoke(grant)}
                >
                  撤销
                </Button>
              ) : null}
            </View>
          ))}
      </View>
      <GrantForm />
    </View>
  );
});

async function confirm() {
  const kind = roleGrants.confirming?.kind;
  if (await roleGrants.confirm()) {
    void Taro.showToast({ title: kind === 'grant' ? '已授予' : '已撤销', icon: 'success' });
  }
}

const Confirm = observer(() => {
  const { confirming, pending } = roleGrants;
  if (!confirming) return null;
  const what = describeGrant(confirming.grant);
  const selected = confirming.who;
  return confirming.kind === 'grant' ? (
    <ConfirmDialog
      prefix="staff-confirm"
      title="授予角色"
      message={`授予 ${selected.name}「${what}」？此操作会记入操作记录。`}
      confirmText="确认授予"
      busy={pending.busy}
      error={pending.error}
      onConfirm={() => void confirm()}
      onCancel={roleGrants.cancel}
    />
  ) : (
    <ConfirmDialog
      prefix="staff-confirm"
      title="撤销角色"
      message={`撤销 ${selected.name} 的「${what}」？撤销后其不能再使用该角色的功能。此操作会记入操作记录。`}
      confirmText="确认撤销"
      danger
      busy={pending.busy}
      error={pending.error}
      onConfirm={() => void confirm()}
      onCancel={roleGrants.cancel}
    />
  );
});

/** One holder of the role shown: name, scope, phone (masked), and 撤销. */
const HolderRow = observer(({ holder }: { holder: RoleHolder }) => {
  const { grant } = holder;
  // The county admin's own grant is not theirs to revoke (the server refuses it too).
  const own = holder.openid === session.me?.openid && grant.role === 'countyAdmin';
  return (
    <View className="staff-grants__holder" id={`holder-${holder.openid}-${grant.role}-${scopeIdOf(grant) ?? 'county'}`}>
      <View className="staff-grants__holder-who">
        <Text className="staff-grants__name">{holder.name}</Text>
        <Text className="staff-grants__muted">
          {[describeScope(grant), holder.phone || '未留手机号'].filter(Boolean).join(' · ')}
        </Text>
      </View>
      {own ? null : (
        <Button
          className={`staff-grants__holder-revoke staff-grants__holder-revoke--${grant.role}`}
          size="small"
          onClick={() => roleGrants.askRevoke(grant, { openid: holder.openid, name: holder.name })}
        >
          撤销
        </Button>
      )}
    </View>
  );
});

/** 现任人员: the holders of each role the caller grants, one role at a time. */
const Holders = observer(() => {
  const { holders, holderRole, grantableRoles } = roleGrants;
  const shown = roleGrants.shownHolders;
  // Names of the scopes shown (grids are read per community).
  useEffect(() => {
    if (shown) loadNamesFor(shown.map((h) => h.grant));
  }, [shown]);
  return (
    <View className="staff-grants__holders">
      <Text className="staff-grants__section">现任人员</Text>
      {grantableRoles.length > 1 ? (
        <Segmented
          options={grantableRoles.map((r) => ({ key: r, label: ROLE_LABELS[r] }))}
          value={holderRole}
          onChange={roleGrants.showHolders}
        />
      ) : null}
      <ListState
        source={{ value: shown, loading: holders.loading, error: holders.error, load: holders.load }}
        emptyTitle={`暂无${ROLE_LABELS[holderRole]}`}
        emptyDescription="在上方输入姓名或手机号找到此人，选择后即可授予角色"
      >
        {(rows) => (
          <View className="staff-grants__holder-list">
            {rows.map((h) => (
              <HolderRow key={`${h.openid}-${h.grant.role}-${scopeIdOf(h.grant) ?? ''}`} holder={h} />
            ))}
          </View>
        )}
      </ListState>
    </View>
  );
});

/**
 * 角色授权 (county admin: every staff role; a secretary: her community's grid workers): opens on
 * who holds each role, each with 撤销; above them, find a person to grant a scoped staff role.
 */
const RoleGrants = observer(() => {
  useLoad(() => {
    roleGrants.open();
    directory.communities.ensure();
    directory.units.ensure();
    directory.departments.ensure();
  });
  const { me, error } = session;
  let body;
  if (!me) body = error ? <ErrorNotice error={error} onRetry={session.load} /> : <Loading />;
  else if (roleGrants.selected) body = <Selected />;
  else
    body = (
      <View className="staff-grants__home">
        <Text className="staff-grants__section">添加人员</Text>
        <UserSearchPanel
          search={roleGrants.search}
          placeholder="姓名或手机号"
          emptyTitle="没有找到此人"
          emptyDescription="请核对姓名或输入完整手机号，对方需登录过小程序"
          action={(user) => (
            <Button className="staff-grants__pick" type="primary" size="small" onClick={() => roleGrants.select(user)}>
              选择
            </Button>
          )}
        />
        <Holders />
      </View>
    );
  return (
    <Screen>
      {body}
      <Confirm />
    </Screen>
  );
});

export default RoleGrants;
