{% snapshot customers_ts %}
{{ config(target_schema='snapshots', unique_key='id', strategy='timestamp', updated_at='updated_at', invalidate_hard_deletes=True) }}
select * from raw.customers
{% endsnapshot %}

{% snapshot customers_check %}
{{ config(target_schema='snapshots', unique_key='id', strategy='check', check_cols=['name']) }}
select id, name from raw.customers
{% endsnapshot %}
