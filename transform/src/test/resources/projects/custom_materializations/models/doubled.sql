{{ config(materialized='audited_table', audit_label='second') }}
select n * 2 as n from {{ ref('base_numbers') }} where n > 1
