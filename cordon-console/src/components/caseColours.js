// One colour per contact category and per track, shared by the graph, the map and the tables.
export const CATEGORY_COLOURS = {
  case: '#c0392b',
  close: '#e67e22',
  secondary: '#f1c40f',
  key: '#2e86c1',
  companion: '#7b5ea7',
};

export const TRACK_COLOURS = {
  venue: '#1d4e89',
  trip: '#16a085',
  cell: '#7b5ea7',
  household: '#c0392b',
};

export const CATEGORIES = ['close', 'secondary', 'key', 'companion'];
export const TRACKS = ['household', 'venue', 'trip', 'cell'];
