export { actorOf } from './actor';
export { authMiddleware, type Principal } from './auth-middleware';
export { may, PERMISSIONS, ROLES, isRole, type Permission, type Role } from './roles';
export { permissionFor, ROUTE_PERMISSIONS } from './route-permissions';
export { createTokenService, type CreatedToken, type TokenService, type TokenView } from './token-service';
export { tokenRoutes } from './token-routes';
export { bearerToken, generateToken, hashToken } from './tokens';
