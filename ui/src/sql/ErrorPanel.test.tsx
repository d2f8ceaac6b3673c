import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { ErrorPanel, positionLabel } from './ErrorPanel';
import { shiftPosition } from './SqlWorkspace';

describe('ErrorPanel', () => {
  it('shows the message, the code and the position', () => {
    const goTo: Array<[number, number]> = [];
    render(
      <ErrorPanel
        error={{ code: 'SQL_ERROR', message: 'Column "x" not found', line: 2, column: 8 }}
        onGoTo={(line, column) => goTo.push([line, column])}
      />,
    );

    expect(screen.getByTestId('error-message').textContent).toBe('Column "x" not found');
    expect(screen.getByTestId('error-panel').textContent).toContain('SQL_ERROR');
    const position = screen.getByTestId('error-position');
    expect(position.textContent).toBe('Line 2, column 8');

    fireEvent.click(position);
    expect(goTo).toEqual([[2, 8]]);
  });

  it('shows no position when the server gave none', () => {
    render(<ErrorPanel error={{ code: 'INTERNAL_ERROR', message: 'boom', line: null, column: null }} />);

    expect(screen.queryByTestId('error-position')).toBeNull();
    expect(screen.getByTestId('error-message').textContent).toBe('boom');
  });

  it('labels a line without a column', () => {
    expect(positionLabel(3, null)).toBe('Line 3');
    expect(positionLabel(null, null)).toBeNull();
  });

  it('maps a position in a selected fragment back to the editor', () => {
    const error = { code: 'SQL_ERROR', message: 'm', line: 1, column: 4 };
    expect(shiftPosition(error, { line: 3, column: 5 })).toMatchObject({ line: 3, column: 8 });
    expect(shiftPosition({ ...error, line: 2 }, { line: 3, column: 5 })).toMatchObject({ line: 4, column: 4 });
    expect(shiftPosition({ ...error, line: null, column: null }, { line: 3, column: 5 })).toMatchObject({ line: null });
  });
});
