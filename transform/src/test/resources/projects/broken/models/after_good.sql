select n * 2 as doubled from {{ ref('good') }}
