export default definePageConfig({ navigationBarTitleText: '诉求指标', enablePullDownRefresh: true });
