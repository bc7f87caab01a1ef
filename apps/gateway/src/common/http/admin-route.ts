import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/auth.decorators.js';

/**
 * A controller of operator routes: under /v1/admin (and `path` below it), tagged `admin: …`,
 * every handler needs the `admin` scope.
 */
export const AdminController = (tag: `admin: ${string}`, path = ''): ClassDecorator =>
  applyDecorators(
    ApiTags(tag),
    RequireScopes('admin'),
    Controller(path ? `v1/admin/${path}` : 'v1/admin'),
  );
