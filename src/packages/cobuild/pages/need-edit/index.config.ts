export default definePageConfig({ navigationBarTitleText: '新增需求' });
