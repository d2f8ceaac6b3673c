{{ config(
    materialized='audited_table',
    audit_label='first',
    post_hook="insert into {{ this.schema }}.audit_log values ('{{ this.name }}', 'post-hook', {{ modules.datetime.date(2024, 3, 1).day }})"
) }}
select * from (values (1), (2), (3)) t(n)
