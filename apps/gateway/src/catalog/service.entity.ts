import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

/** A service of ours that partners order; served by the upstream offers mapped to it. */
@Entity('services')
export class ServiceEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 200 })
  category: string;

  @Column({ type: 'varchar', length: 100 })
  type: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** Promises: only offers that have them can serve the service. */
  @Column({ type: 'boolean' })
  refill: boolean;

  @Column({ type: 'boolean' })
  cancel: boolean;

  @Column({ type: 'boolean' })
  dripfeed: boolean;

  /** False once retired (by a catalog document that no longer lists it); never deleted. */
  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at' })
  updatedAt: Date;
}
