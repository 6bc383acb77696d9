export default definePageConfig({ navigationBarTitleText: '本公司服务评价' });
