-- The metric store: App Runner's CloudWatch metrics per service in 1-minute aggregates, filled
-- from runway.metrics (MetricStore). A message counts once: its (source, service, period end) is
-- recorded in metric_receipts in the same transaction as its figures are added.
create table metric_minutes (
    service_arn  text             not null,
    service_name text             not null,
    service_id   text             not null,
    metric       text             not null,
    minute       timestamptz      not null,
    sample_count bigint           not null,
    sum          double precision not null,
    minimum      double precision not null,
    maximum      double precision not null,
    primary key (service_arn, metric, minute)
);
create index metric_minutes_by_name on metric_minutes (service_name, metric, minute);

create table metric_receipts (
    source      text        not null,
    service_arn text        not null,
    period_end  timestamptz not null,
    primary key (source, service_arn, period_end)
);
create index metric_receipts_age on metric_receipts (period_end);
