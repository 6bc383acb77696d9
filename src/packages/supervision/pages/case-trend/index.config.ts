export default definePageConfig({ navigationBarTitleText: '诉求指标趋势', enablePullDownRefresh: true });
