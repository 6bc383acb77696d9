export default definePageConfig({ navigationBarTitleText: '新建共建项目' });
