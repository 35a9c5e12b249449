package dev.heron.api.db;

/**
 * The names of the blocks in {@code db/queries/control-api.sql}. All are checked when the service
 * starts ({@link Db}), so a missing one stops it there and not at the first request.
 */
public final class Queries {
  public static final String CONTACT_INSERT = "contact-insert";
  public static final String CONTACT_BY_ID = "contact-by-id";
  public static final String CONTACT_IDS_OF_TENANT = "contact-ids-of-tenant";
  public static final String IMPORT_LOCK_TENANT = "import-lock-tenant";
  public static final String IMPORT_MEMORY = "import-memory";
  public static final String IMPORT_STAGING = "import-staging";
  public static final String IMPORT_STAGING_COPY = "import-staging-copy";
  public static final String CONTACT_IMPORT_BATCH = "contact-import-batch";
  public static final String IMPORT_INSERT = "import-insert";
  public static final String IMPORT_PROGRESS = "import-progress";
  public static final String IMPORT_FINISH = "import-finish";
  public static final String IMPORT_ERROR_INSERT = "import-error-insert";
  public static final String IMPORT_BY_ID = "import-by-id";
  public static final String IMPORT_ERRORS = "import-errors";
  public static final String LIST_INSERT = "list-insert";
  public static final String LIST_BY_ID = "list-by-id";
  public static final String LIST_BY_NAME = "list-by-name";
  public static final String LIST_IDS_OF_TENANT = "list-ids-of-tenant";
  public static final String LIST_ADD_MEMBERS = "list-add-members";
  public static final String AUDIENCE_LISTS = "audience-lists";
  public static final String AUDIENCE_COUNT = "audience-count";
  public static final String AUDIENCE_SAMPLE = "audience-sample";
  public static final String TEMPLATE_INSERT = "template-insert";
  public static final String TEMPLATE_VERSION_INSERT = "template-version-insert";
  public static final String TEMPLATE_BY_ID = "template-by-id";
  public static final String TEMPLATE_LOCK = "template-lock";
  public static final String TEMPLATE_SET_CURRENT = "template-set-current";
  public static final String TEMPLATE_VERSIONS = "template-versions";
  public static final String TEMPLATE_VERSION_LOCK = "template-version-lock";
  public static final String TEMPLATE_VERSION_SET_STATUS = "template-version-set-status";
  public static final String CAMPAIGN_INSERT = "campaign-insert";
  public static final String CAMPAIGN_VARIANT_INSERT = "campaign-variant-insert";
  public static final String CAMPAIGN_BY_ID = "campaign-by-id";
  public static final String CAMPAIGN_VARIANTS = "campaign-variants";
  public static final String CAMPAIGN_AB_TEST = "campaign-ab-test";
  public static final String AB_TEST_INSERT = "ab-test-insert";
  public static final String AB_TEST_START_WINDOW = "ab-test-start-window";
  public static final String CAMPAIGN_POOL = "campaign-pool";
  public static final String CAMPAIGNS_WITH_DECIDED_TESTS = "campaigns-with-decided-tests";
  public static final String CAMPAIGN_DROP_HELD = "campaign-drop-held";
  public static final String CAMPAIGN_LOCK = "campaign-lock";
  public static final String CAMPAIGN_SET_STATUS = "campaign-set-status";
  public static final String CAMPAIGN_RECIPIENT_COUNTS = "campaign-recipient-counts";
  public static final String CAMPAIGN_CANCEL_QUEUE = "campaign-cancel-queue";
  public static final String CAMPAIGNS_START_SCHEDULED = "campaigns-start-scheduled";
  public static final String PLAN_RESET = "plan-reset";
  public static final String PLAN_MEMORY = "plan-memory";
  public static final String PLAN_NO_JIT = "plan-no-jit";
  public static final String PLAN_AUDIENCE = "plan-audience";
  public static final String PLAN_ANALYZE = "plan-analyze";
  public static final String PLAN_SIZE = "plan-size";
  public static final String PLAN_DROP_UNREACHABLE = "plan-drop-unreachable";
  public static final String PLAN_DROP_DUPLICATE_ADDRESSES = "plan-drop-duplicate-addresses";
  public static final String PLAN_DROP_ALREADY_PLANNED = "plan-drop-already-planned";
  public static final String PLAN_DROP_SUPPRESSED = "plan-drop-suppressed";
  public static final String PLAN_DROP_WITHOUT_CONSENT = "plan-drop-without-consent";
  public static final String PLAN_DROP_FREQUENCY_CAPPED = "plan-drop-frequency-capped";
  public static final String PLAN_DROP_SAME_TEMPLATE = "plan-drop-same-template";
  public static final String PLAN_SPLIT = "plan-split";
  public static final String PLAN_COUNT_HELD = "plan-count-held";
  public static final String PLAN_SEND_TIME = "plan-send-time";
  public static final String PLAN_WARMUP_IPS = "plan-warmup-ips";
  public static final String PLAN_WARMUP_QUEUED = "plan-warmup-queued";
  public static final String PLAN_WARMUP_SPREAD = "plan-warmup-spread";
  public static final String PLAN_WARMUP_DROP_BEYOND = "plan-warmup-drop-beyond";
  public static final String PLAN_QUEUE_HELD = "plan-queue-held";
  public static final String PLAN_WRITE = "plan-write";
  public static final String PLAN_COUNT_NEW = "plan-count-new";
  public static final String TENANT_SETTINGS = "tenant-settings";
  public static final String TENANT_SET_FREQUENCY_CAP = "tenant-set-frequency-cap";
  public static final String DISPATCH_DUE = "dispatch-due";
  public static final String DISPATCH_MARK = "dispatch-mark";
  public static final String INSIGHTS_BY_HOUR = "insights-by-hour";
  public static final String INSIGHTS_BY_DAY = "insights-by-day";
  public static final String INSIGHTS_BY_PROVIDER = "insights-by-provider";
  public static final String INSIGHTS_BY_IDENTITY = "insights-by-identity";
  public static final String INSIGHTS_BY_VARIANT = "insights-by-variant";
  public static final String CAMPAIGN_EXISTS = "campaign-exists";
  public static final String CONTACT_PAGE = "contact-page";
  public static final String CONTACT_UPDATE = "contact-update";
  public static final String LIST_PAGE = "list-page";
  public static final String TEMPLATE_PAGE = "template-page";
  public static final String CAMPAIGN_IDS_PAGE = "campaign-ids-page";

  static final String[] ALL = {
    CONTACT_INSERT,
    CONTACT_BY_ID,
    CONTACT_IDS_OF_TENANT,
    IMPORT_LOCK_TENANT,
    IMPORT_MEMORY,
    IMPORT_STAGING,
    IMPORT_STAGING_COPY,
    CONTACT_IMPORT_BATCH,
    IMPORT_INSERT,
    IMPORT_PROGRESS,
    IMPORT_FINISH,
    IMPORT_ERROR_INSERT,
    IMPORT_BY_ID,
    IMPORT_ERRORS,
    LIST_INSERT,
    LIST_BY_ID,
    LIST_BY_NAME,
    LIST_IDS_OF_TENANT,
    LIST_ADD_MEMBERS,
    AUDIENCE_LISTS,
    AUDIENCE_COUNT,
    AUDIENCE_SAMPLE,
    TEMPLATE_INSERT,
    TEMPLATE_VERSION_INSERT,
    TEMPLATE_BY_ID,
    TEMPLATE_LOCK,
    TEMPLATE_SET_CURRENT,
    TEMPLATE_VERSIONS,
    TEMPLATE_VERSION_LOCK,
    TEMPLATE_VERSION_SET_STATUS,
    CAMPAIGN_INSERT,
    CAMPAIGN_VARIANT_INSERT,
    CAMPAIGN_BY_ID,
    CAMPAIGN_VARIANTS,
    CAMPAIGN_AB_TEST,
    AB_TEST_INSERT,
    AB_TEST_START_WINDOW,
    CAMPAIGN_POOL,
    CAMPAIGNS_WITH_DECIDED_TESTS,
    CAMPAIGN_DROP_HELD,
    CAMPAIGN_LOCK,
    CAMPAIGN_SET_STATUS,
    CAMPAIGN_RECIPIENT_COUNTS,
    CAMPAIGN_CANCEL_QUEUE,
    CAMPAIGNS_START_SCHEDULED,
    PLAN_RESET,
    PLAN_MEMORY,
    PLAN_NO_JIT,
    PLAN_AUDIENCE,
    PLAN_ANALYZE,
    PLAN_SIZE,
    PLAN_DROP_UNREACHABLE,
    PLAN_DROP_DUPLICATE_ADDRESSES,
    PLAN_DROP_ALREADY_PLANNED,
    PLAN_DROP_SUPPRESSED,
    PLAN_DROP_WITHOUT_CONSENT,
    PLAN_DROP_FREQUENCY_CAPPED,
    PLAN_DROP_SAME_TEMPLATE,
    PLAN_SPLIT,
    PLAN_COUNT_HELD,
    PLAN_SEND_TIME,
    PLAN_WARMUP_IPS,
    PLAN_WARMUP_QUEUED,
    PLAN_WARMUP_SPREAD,
    PLAN_WARMUP_DROP_BEYOND,
    PLAN_QUEUE_HELD,
    PLAN_WRITE,
    PLAN_COUNT_NEW,
    TENANT_SETTINGS,
    TENANT_SET_FREQUENCY_CAP,
    DISPATCH_DUE,
    DISPATCH_MARK,
    INSIGHTS_BY_HOUR,
    INSIGHTS_BY_DAY,
    INSIGHTS_BY_PROVIDER,
    INSIGHTS_BY_IDENTITY,
    INSIGHTS_BY_VARIANT,
    CAMPAIGN_EXISTS,
    CONTACT_PAGE,
    CONTACT_UPDATE,
    LIST_PAGE,
    TEMPLATE_PAGE,
    CAMPAIGN_IDS_PAGE
  };

  private Queries() {}
}
