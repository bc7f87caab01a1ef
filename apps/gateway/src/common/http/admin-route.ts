import { applyDecorators, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../../auth/auth.decorators.js';

/** A controller of operator routes: under /v1/admin, every handler needs the `admin` scope. */
export const AdminController = (tag: string): ClassDecorator =>
  applyDecorators(ApiTags(tag), RequireScopes('admin'), Controller('v1/admin'));
