/** A table's header row; numeric columns align right, as their cells do. */
export function TableHead({ columns }: { columns: Array<string | { label: string; numeric: true }> }) {
  return (
    <thead>
      <tr>
        {columns.map((column) =>
          typeof column === "string" ? (
            <th key={column} scope="col">
              {column}
            </th>
          ) : (
            <th key={column.label} scope="col" className="numeric">
              {column.label}
            </th>
          ),
        )}
      </tr>
    </thead>
  );
}
