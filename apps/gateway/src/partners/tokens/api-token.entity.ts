import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Scope } from '../../auth/scopes.js';
import { jsonTransformer } from '../../database/transformers.js';

/** An issued bearer token. Only its HMAC is stored; the clear token is shown once, at issuance. */
@Entity('api_tokens')
export class ApiTokenEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** Null for operator tokens made by the CLI: they belong to no partner. */
  @Column({ name: 'partner_id', type: 'integer', nullable: true })
  partnerId: number | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  name: string | null;

  @Column({ type: 'text', transformer: jsonTransformer })
  scopes: Scope[];

  /** HMAC-SHA256(config.secrets.tokenSecret, token), hex. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  /** The token's last four characters, to tell tokens apart in listings. */
  @Column({ type: 'varchar', length: 4 })
  last4: string;

  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  /** Written at most once a minute per process. */
  @Column({ name: 'last_used_at', type: Date, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'expires_at', type: Date, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: Date, nullable: true })
  revokedAt: Date | null;

  /** The successor issued by a rotation; the old token then expires after the grace period. */
  @Column({ name: 'rotated_to_id', type: 'integer', nullable: true })
  rotatedToId: number | null;

  @Column({ name: 'rotated_from_id', type: 'integer', nullable: true })
  rotatedFromId: number | null;
}
