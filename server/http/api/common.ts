export interface ApiError {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
}

export interface Paged<T> {
  items: T[];
  total: number;
}
