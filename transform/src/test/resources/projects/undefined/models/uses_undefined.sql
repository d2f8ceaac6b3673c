{{ config(materialized='table') }}
select 1 as n
where n = {{ undefined_thing }}
