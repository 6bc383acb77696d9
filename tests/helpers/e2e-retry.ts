/**
 * The e2e layer runs a failed test once more, and says so in the log. A phone-sized browser on a
 * shared two-core machine sometimes loses a race with the h5 router's page transitions that no
 * user would notice; a real break fails both times. A retry seen in CI's log is a bug to chase.
 */
jest.retryTimes(1, { logErrorsBeforeRetry: true });
