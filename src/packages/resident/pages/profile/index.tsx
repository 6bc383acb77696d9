import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { observer } from 'mobx-react-lite';
import { useEffect, useState } from 'react';
import { CommunityPicker } from '../../../../components/CommunityPicker';
import { ErrorNotice } from '../../../../components/ErrorNotice';
import { Field } from '../../../../components/Field';
import { OptionPicker } from '../../../../components/OptionPicker';
import { PrivacyGate } from '../../../../components/PrivacyGate';
import { PrivacyPopup } from '../../../../components/PrivacyPopup';
import { Screen } from '../../../../components/Screen';
import { Loading } from '../../../../components/Loading';
import { ROUTES } from '../../../../routes';
import { profileForm } from '../../../../stores/resident/profileForm';
import { session } from '../../../../stores/session';
import { maskPhone } from '../../../../utils/mask';
import { backOr } from '../../../../utils/navigation';
import './index.scss';

/** weapp: WeChat's phone-number button, with typing as the way out; h5: typing only. */
const PhoneInput = observer(() => {
  const form = profileForm;
  if (form.typingPhone) {
    return (
      <Input
        className="field__input profile__phone"
        type="number"
        maxlength={11}
        placeholder="请输入 11 位手机号"
        value={form.phone}
        onInput={(e) => form.setPhone(e.detail.value)}
      />
    );
  }
  const current = form.phoneCode ? '已获取微信绑定的手机号' : form.phoneOnFile ? maskPhone(form.phoneOnFile) : null;
  return (
    <View className="profile__phone-wechat">
      {current ? <Text className="profile__phone-current">{current}</Text> : null}
      <Button
        className="profile__phone-button"
        type="primary"
        fill="outline"
        size="large"
        block
        openType="getPhoneNumber"
        onGetPhoneNumber={(e) => form.phoneAuthorized((e.detail as { code?: string }).code)}
      >
        {form.phoneOnFile || form.phoneCode ? '更换为微信绑定的手机号' : '一键获取微信绑定的手机号'}
      </Button>
      <Text className="profile__phone-manual" onClick={form.typePhoneInstead}>
        不用微信的号码？手动填写
      </Text>
    </View>
  );
});

const AddressPickers = observer(() => {
  const form = profileForm;
  const community = form.community;
  const noCommunity = form.communityId ? undefined : '请先选择社区';
  return (
    <>
      <Field name="community" label="社区" error={form.errors.community}>
        <CommunityPicker
          name="community"
          placeholder="请选择您居住的社区"
          value={form.communityId}
          invalid={Boolean(form.errors.community)}
          onChange={form.chooseCommunity}
        />
      </Field>
      {community?.error ? <ErrorNotice error={community.error} onRetry={community.load} /> : null}
      <Field name="residentGroup" label="居民小组" error={form.errors.residentGroup}>
        <OptionPicker
          name="residentGroup"
          placeholder="请选择居民小组"
          options={(community?.value?.residentGroups ?? []).map((g) => ({ id: g.id, label: g.name }))}
          value={form.residentGroupId}
          loading={community?.loading && !community.value}
          disabledHint={noCommunity}
          invalid={Boolean(form.errors.residentGroup)}
          onChange={form.chooseResidentGroup}
        />
      </Field>
      <Field name="microGrid" label="小区 / 楼栋" error={form.errors.microGrid} hint="决定您所在的网格和网格员">
        <OptionPicker
          name="microGrid"
          placeholder="请选择小区或楼栋"
          options={form.buildings.map((b) => ({ id: b.id, label: b.name, hint: b.gridName }))}
          value={form.microGridId}
          loading={community?.loading && !community.value}
          disabledHint={noCommunity}
          invalid={Boolean(form.errors.microGrid)}
          onChange={form.chooseBuilding}
        />
      </Field>
    </>
  );
});

async function save() {
  if (!(await profileForm.submit())) return;
  void Taro.showToast({ title: '已保存', icon: 'success' });
  backOr(ROUTES.mine);
}

const ProfileForm = observer(() => {
  const form = profileForm;
  // Once per opening: the form starts from the profile on file, and the inputs are created only
  // then (the h5 Input throws when given a new value before its first render).
  const [started, setStarted] = useState(false);
  useEffect(() => {
    if (session.me) profileForm.start(session.me);
    setStarted(true);
  }, []);
  if (!started) return <Loading />;
  return (
    <View className="profile">
      <Text className="profile__intro">
        填写住址后，可以找到您所在网格的网格员，反映的诉求也由他们直接办理。手机号只给处理您事项的工作人员看到。
      </Text>
      <Field name="name" label="姓名" error={form.errors.name}>
        <Input
          className="field__input profile__name"
          maxlength={20}
          placeholder="请输入真实姓名"
          value={form.name}
          onInput={(e) => form.setName(e.detail.value)}
        />
      </Field>
      <Field name="phone" label="手机号" error={form.errors.phone}>
        <PhoneInput />
      </Field>
      <AddressPickers />
      <Field name="building" label="门牌" optional error={form.errors.building}>
        <Input
          className="field__input profile__building"
          maxlength={30}
          placeholder="如 2单元301室"
          value={form.building}
          onInput={(e) => form.setBuilding(e.detail.value)}
        />
      </Field>
      {form.saving.error ? <ErrorNotice error={form.saving.error} /> : null}
      <View className="profile__actions">
        <Button className="profile__submit" type="primary" size="large" block loading={form.saving.busy} onClick={save}>
          保存
        </Button>
      </View>
    </View>
  );
});

/** 个人信息: privacy first, then name, phone and address (社区 → 居民小组 → 小区/楼栋, 门牌). */
const ProfilePage = observer(() => (
  <Screen>
    <PrivacyGate>
      <ProfileForm />
    </PrivacyGate>
    <PrivacyPopup />
  </Screen>
));

export default ProfilePage;
