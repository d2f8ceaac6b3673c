{% set parts = 'alpha.beta.gamma'.split('.') %}
select
  '{{ idioms_pkg.top_value(ref('letters'), 'letter') }}' as top_letter,
  '{{ idioms_pkg.joined('x', 'y', 'z') }}' as joined,
  '{{ idioms_pkg.labelled(5, label='n', sep='=',) }}' as labelled,
  {{ idioms_pkg.factorial(5) }} as factorial,
  '{{ '{}-{}/{last}'.format(parts[0], parts | length, last=parts[-1]) }}' as formatted,
  '{{ ','.join(parts).upper() }}' as upper_joined,
  '{{ '  padded  '.strip() ~ '|' ~ 'a_b_c'.replace('_', ' ', 1) }}' as cleaned,
  {{ 'gamma'.startswith('ga') }} as starts,
  {{ [1, 2, 3,] | length }} as listed
