import { Body, ConflictException, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Roles } from '../common/decorators.js';
import { CreateUserDto } from './create-user.dto.js';
import { User } from './user.entity.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    @InjectRepository(User) private readonly repo: Repository<User>,
  ) {}

  @Get()
  list(): Promise<User[]> {
    return this.repo.find({ order: { username: 'ASC' } });
  }

  @Post()
  async create(@Body() body: CreateUserDto): Promise<User> {
    if (await this.repo.existsBy({ username: body.username })) {
      throw new ConflictException(`User ${body.username} already exists`);
    }
    const { passwordHash: _hash, ...user } = await this.users.create(body);
    return user as User;
  }
}
