export default definePageConfig({ navigationBarTitleText: '六个一图表', enablePullDownRefresh: true });
